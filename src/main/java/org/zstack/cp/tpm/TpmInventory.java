package org.zstack.cp.tpm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;
import java.util.List;

@RegisterForReflection
@ZStackClass("org.zstack.header.tpm.entity.TpmInventory")
public record TpmInventory(String uuid, String name, String vmInstanceUuid, String keyProviderUuid,
                           Instant createDate, Instant lastOpDate, List<HostRef> hostRefs) {

    @RegisterForReflection
    @ZStackClass("org.zstack.header.tpm.entity.TpmHostRefInventory")
    public record HostRef(long id, String tpmUuid, String hostUuid, String path, Instant createDate,
                          Instant lastOpDate) {
        static HostRef from(TpmHostRefEntity r) {
            return new HostRef(r.id, r.tpmUuid, r.hostUuid, r.path, r.createDate, r.lastOpDate);
        }
    }

    static TpmInventory of(TpmEntity t, List<TpmHostRefEntity> refs) {
        return new TpmInventory(t.uuid, t.name, t.vmInstanceUuid, t.keyProviderUuid, t.createDate, t.lastOpDate,
                refs.stream().map(HostRef::from).toList());
    }
}
