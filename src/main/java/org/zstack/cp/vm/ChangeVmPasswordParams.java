package org.zstack.cp.vm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Password;

import java.util.regex.Pattern;

@RegisterForReflection

public record ChangeVmPasswordParams(@NotNull Password password, @NotNull @Size(min = 1, max = 255) String account)
        implements CheckedParams {
    /** ZStack's rule for guest passwords: printable ASCII without spaces, at most 32 characters. */
    static final Pattern PASSWORD = Pattern.compile("[\\da-zA-Z\\-`=\\\\\\[\\];',./~!@#$%^&*()_+|{}:\"<>?]+");
    static final int MAX_PASSWORD_LENGTH = 32;

    @Override
    public void check() {
        password.check("password", 1, MAX_PASSWORD_LENGTH, PASSWORD);
    }
}
