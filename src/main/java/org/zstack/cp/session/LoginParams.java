package org.zstack.cp.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.Password;

/** {@code logInByAccount}: the password is the SHA-512 hex of the real one, as ZStack clients send it. */
@RegisterForReflection
public record LoginParams(@NotNull @Size(min = 1, max = 255) String accountName, @NotNull Password password) {
}
