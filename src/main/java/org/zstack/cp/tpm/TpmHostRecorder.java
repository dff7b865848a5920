package org.zstack.cp.tpm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.vm.VmStartListener;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** When a VM with a TPM starts, records the host it runs on, once per host. */
@ApplicationScoped
public class TpmHostRecorder implements VmStartListener {
    static final String PATH_PREFIX = "/var/lib/zstack/tpm/";

    @Override
    public Uni<Void> vmStarted(String vmUuid, String hostUuid) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO tpm_host_ref (tpm_uuid, host_uuid, path, create_date, last_op_date) "
                                + "SELECT uuid, :host, :prefix || uuid, :now, :now FROM tpm WHERE vm_instance_uuid = :vm "
                                + "ON CONFLICT (tpm_uuid, host_uuid) DO NOTHING")
                .setParameter("host", hostUuid)
                .setParameter("prefix", PATH_PREFIX)
                .setParameter("now", now)
                .setParameter("vm", vmUuid)
                .executeUpdate()).replaceWithVoid();
    }
}
