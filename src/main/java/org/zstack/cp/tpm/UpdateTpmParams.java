package org.zstack.cp.tpm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.CheckedParams;
import org.zstack.cp.api.Uuids;

/** {@code keyProviderUuid} is checked later, after the TPM and the VM, as the documented order of checks wants. */
@RegisterForReflection
public record UpdateTpmParams(String vmInstanceUuid, String tpmUuid, String keyProviderUuid) implements CheckedParams {
    @Override
    public void check() {
        if (vmInstanceUuid == null && tpmUuid == null) {
            throw ApiException.invalidArgument("give [vmInstanceUuid] or [tpmUuid], or both");
        }
        Uuids.check("vmInstanceUuid", vmInstanceUuid);
        Uuids.check("tpmUuid", tpmUuid);
    }
}
