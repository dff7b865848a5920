package org.zstack.cp.iam2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Password;

/** Every field is optional. Clients send passwords as the SHA-512 hex of the real one, as zstack-cli does. */
@RegisterForReflection
public record UpdateIam2VirtualIdParams(
        @Size(min = 1, max = 255) String name,
        @Size(max = 2048) String description,
        Password password,
        Password oldPassword) implements CheckedParams {
    static final int MAX_PASSWORD_LENGTH = 2048;

    @Override
    public void check() {
        if (password != null) {
            password.check("password", 1, MAX_PASSWORD_LENGTH, null);
        }
        if (oldPassword != null) {
            oldPassword.check("oldPassword", 1, MAX_PASSWORD_LENGTH, null);
        }
    }
}
