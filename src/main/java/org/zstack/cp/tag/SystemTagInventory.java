package org.zstack.cp.tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.header.tag.SystemTagInventory")
public record SystemTagInventory(String uuid, String resourceUuid, String resourceType, String tag, String type,
                                 Instant createDate, Instant lastOpDate) {
    static SystemTagInventory from(SystemTagEntity t) {
        return new SystemTagInventory(t.uuid, t.resourceUuid, t.resourceType, t.tag, "System", t.createDate,
                t.lastOpDate);
    }
}
