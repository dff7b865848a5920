package org.zstack.cp.iam2;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.zstack.cp.api.ApiException;

import java.util.Collection;
import java.util.List;

final class Iam2Repositories {
    static final String RESOURCE = "IAM2 virtual ID";

    private Iam2Repositories() {
    }

    @ApplicationScoped
    static class VirtualIds implements PanacheRepositoryBase<Iam2VirtualIdEntity, String> {
        Uni<Iam2VirtualIdEntity> requireForUpdate(String uuid) {
            return findById(uuid, LockModeType.PESSIMISTIC_WRITE)
                    .onItem().ifNull().failWith(() -> ApiException.notFound(RESOURCE, uuid));
        }

        Uni<Boolean> nameTaken(String name, String exceptUuid) {
            return count("name = ?1 and uuid <> ?2", name, exceptUuid == null ? "" : exceptUuid).map(n -> n > 0);
        }
    }

    @ApplicationScoped
    static class Attributes implements PanacheRepositoryBase<Iam2AttributeEntity, String> {
        Uni<List<Iam2AttributeEntity>> of(Collection<String> virtualIdUuids) {
            return list("virtualIdUuid in ?1 order by createDate, uuid", virtualIdUuids);
        }
    }
}
