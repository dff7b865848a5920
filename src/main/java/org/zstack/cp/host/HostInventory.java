package org.zstack.cp.host;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.kvm.KVMHostInventory")
public record HostInventory(String uuid, String name, String description, String managementIp, int agentPort,
                            int sshPort, String username, HostState state, HostStatus status,
                            Instant createDate, Instant lastOpDate) {
    static HostInventory from(HostEntity h) {
        return new HostInventory(h.uuid, h.name, h.description, h.managementIp, h.agentPort, h.sshPort, h.username,
                h.state, h.status, h.createDate, h.lastOpDate);
    }
}
