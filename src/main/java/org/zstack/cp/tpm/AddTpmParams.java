package org.zstack.cp.tpm;

import jakarta.validation.constraints.NotNull;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Uuids;

public record AddTpmParams(@NotNull String vmInstanceUuid, String keyProviderUuid) implements CheckedParams {
    @Override
    public void check() {
        Uuids.check("vmInstanceUuid", vmInstanceUuid);
        Uuids.check("keyProviderUuid", keyProviderUuid);
    }
}
