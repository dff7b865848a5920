package org.zstack.cp.iam2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Password;

import java.util.List;

@RegisterForReflection

public record CreateIam2VirtualIdParams(
        @NotNull @Size(min = 1, max = 255) String name,
        @NotNull Password password,
        @Size(max = 2048) String description,
        List<@Valid @NotNull Attribute> attributes) implements CheckedParams {

    @RegisterForReflection

    public record Attribute(@NotNull @Size(min = 1, max = 255) String name, @Size(max = 2048) String value) {
    }

    @Override
    public void check() {
        password.check("password", 1, UpdateIam2VirtualIdParams.MAX_PASSWORD_LENGTH, null);
    }
}
