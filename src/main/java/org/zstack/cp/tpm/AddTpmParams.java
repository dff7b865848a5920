package org.zstack.cp.tpm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Uuids;

@RegisterForReflection

public record AddTpmParams(@NotNull String vmInstanceUuid, String keyProviderUuid) implements CheckedParams {
    @Override
    public void check() {
        Uuids.check("vmInstanceUuid", vmInstanceUuid);
        Uuids.check("keyProviderUuid", keyProviderUuid);
    }
}
