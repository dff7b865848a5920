package org.zstack.cp.host;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class HostRepository implements PanacheRepositoryBase<HostEntity, String> {
    private static final String VM_COUNT = "SELECT count(*) FROM vm_instance WHERE host_uuid = :host";

    /** Whether a host has this management IP. */
    Uni<Boolean> managementIpTaken(String managementIp) {
        return count("managementIp", managementIp).map(n -> n > 0);
    }

    /** The VM instances on a host; native SQL, because the vm package depends on this one and not the reverse. */
    Uni<Long> vmCount(String hostUuid) {
        return getSession().flatMap(session -> session.createNativeQuery(VM_COUNT, Long.class)
                .setParameter("host", hostUuid).getSingleResult());
    }
}
