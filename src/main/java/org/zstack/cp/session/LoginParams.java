package org.zstack.cp.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Password;

/**
 * {@code logInByAccount}: the password is the SHA-512 hex of the real one, as ZStack clients send it. A longer
 * password than Keystone takes is refused before it is hashed.
 */
@RegisterForReflection
public record LoginParams(@NotNull @Size(min = 1, max = 255) String accountName, @NotNull Password password)
        implements CheckedParams {
    static final int MAX_PASSWORD_LENGTH = 4096;

    @Override
    public void check() {
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.invalidArgument("field [password] must have at most " + MAX_PASSWORD_LENGTH
                    + " characters");
        }
    }
}
