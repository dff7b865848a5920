package org.zstack.cp.tpm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class TpmHostRefRepository implements PanacheRepositoryBase<TpmHostRefEntity, Long> {
    Uni<List<TpmHostRefEntity>> of(Collection<String> tpmUuids) {
        return list("tpmUuid in ?1 order by id", tpmUuids);
    }

    /** In the current session's transaction: the host the VM's TPM runs on, once per host. */
    Uni<Void> recordHost(String vmUuid, String hostUuid, String pathPrefix) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO tpm_host_ref (tpm_uuid, host_uuid, path, create_date, last_op_date) "
                                + "SELECT uuid, :host, :prefix || uuid, now(), now() FROM tpm "
                                + "WHERE vm_instance_uuid = :vm ON CONFLICT (tpm_uuid, host_uuid) DO NOTHING")
                .setParameter("host", hostUuid)
                .setParameter("prefix", pathPrefix)
                .setParameter("vm", vmUuid)
                .executeUpdate()).replaceWithVoid();
    }
}
