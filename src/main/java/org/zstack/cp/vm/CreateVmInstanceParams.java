package org.zstack.cp.vm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Uuids;

@RegisterForReflection

public record CreateVmInstanceParams(
        @NotNull @Size(min = 1, max = 255) String name,
        @NotNull String hostUuid,
        @Pattern(regexp = "InstantStart|CreateStopped", message = "must be InstantStart or CreateStopped") String strategy,
        @Pattern(regexp = "KVM", message = "must be KVM") String hypervisorType,
        @Size(max = 255) String platform,
        @Size(max = 255) String guestOsType,
        @Size(max = 2048) String description) implements CheckedParams {

    @Override
    public void check() {
        Uuids.check("hostUuid", hostUuid);
    }

    VmState initialState() {
        return "CreateStopped".equals(strategy) ? VmState.Stopped : VmState.Running;
    }
}
