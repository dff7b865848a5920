package org.zstack.cp.host;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.HostAddress;
import org.zstack.cp.api.Password;

@RegisterForReflection

public record AddKvmHostParams(
        @NotNull @Size(min = 1, max = 255) String name,
        @NotNull @HostAddress String managementIp,
        @NotNull @Size(min = 1, max = 255) String username,
        @NotNull Password password,
        @Min(1) @Max(65535) Integer sshPort,
        @Min(1) @Max(65535) Integer agentPort,
        @Size(max = 2048) String description) implements CheckedParams {

    static final int DEFAULT_SSH_PORT = 22;
    static final int DEFAULT_AGENT_PORT = 7070;

    @Override
    public void check() {
        password.check("password", 1, 255, null);
    }
}
