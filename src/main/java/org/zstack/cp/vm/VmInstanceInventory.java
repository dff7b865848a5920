package org.zstack.cp.vm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.header.vm.VmInstanceInventory")
public record VmInstanceInventory(String uuid, String name, String description, VmState state, String hostUuid,
                                  String hypervisorType, String platform, String guestOsType,
                                  Instant createDate, Instant lastOpDate) {
    static VmInstanceInventory from(VmInstanceEntity vm) {
        return new VmInstanceInventory(vm.uuid, vm.name, vm.description, vm.state, vm.hostUuid, vm.hypervisorType,
                vm.platform, vm.guestOsType, vm.createDate, vm.lastOpDate);
    }
}
