package org.zstack.cp.tpm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;

import java.util.Collection;
import java.util.List;

final class TpmRepositories {
    private TpmRepositories() {
    }

    @ApplicationScoped
    static class KeyProviders implements PanacheRepositoryBase<KeyProviderEntity, String> {
        Uni<KeyProviderEntity> require(String uuid) {
            return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound("key provider", uuid));
        }
    }

    @ApplicationScoped
    static class Tpms implements PanacheRepositoryBase<TpmEntity, String> {
        Uni<TpmEntity> require(String uuid) {
            return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound("TPM", uuid));
        }

        Uni<TpmEntity> ofVm(String vmUuid) {
            return find("vmInstanceUuid", vmUuid).firstResult();
        }
    }

    @ApplicationScoped
    static class HostRefs implements PanacheRepositoryBase<TpmHostRefEntity, Long> {
        Uni<List<TpmHostRefEntity>> of(Collection<String> tpmUuids) {
            return list("tpmUuid in ?1 order by id", tpmUuids);
        }
    }
}
