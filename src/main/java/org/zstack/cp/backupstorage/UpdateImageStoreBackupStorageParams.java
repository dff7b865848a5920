package org.zstack.cp.backupstorage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.HostAddress;
import org.zstack.cp.api.Password;

/** Every field is optional; only the fields given change. Strings arrive trimmed, so a blank name is empty. */
@RegisterForReflection
public record UpdateImageStoreBackupStorageParams(
        @Size(min = 1, max = 255) String username,
        Password password,
        @Size(min = 1, max = 255) @HostAddress String hostname,
        @Min(1) @Max(65535) Integer sshPort,
        @Size(min = 1, max = 255) String name,
        @Size(max = 2048) String description) implements CheckedParams {

    boolean onlyNameOrDescription() {
        return username == null && password == null && hostname == null && sshPort == null;
    }

    @Override
    public void check() {
        if (password != null) {
            password.check("password", 1, 255, null);
        }
    }
}
