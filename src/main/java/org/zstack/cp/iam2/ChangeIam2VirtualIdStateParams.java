package org.zstack.cp.iam2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@RegisterForReflection

public record ChangeIam2VirtualIdStateParams(
        @NotNull @Pattern(regexp = "enable|disable", message = "must be enable or disable") String stateEvent) {

    Iam2VirtualIdState target() {
        return "enable".equals(stateEvent) ? Iam2VirtualIdState.Enabled : Iam2VirtualIdState.Disabled;
    }
}
