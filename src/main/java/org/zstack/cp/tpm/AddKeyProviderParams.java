package org.zstack.cp.tpm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RegisterForReflection

public record AddKeyProviderParams(@NotNull @Size(min = 1, max = 255) String name,
                                   @Size(min = 1, max = 64) String type,
                                   @Size(max = 2048) String description) {
    static final String DEFAULT_TYPE = "KMS";
}
