package org.zstack.cp.tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.header.tag.UserTagInventory")
public record UserTagInventory(String uuid, String resourceUuid, String resourceType, String tag, String type,
                               Instant createDate, Instant lastOpDate) {
    static UserTagInventory from(UserTagEntity t) {
        return new UserTagInventory(t.uuid, t.resourceUuid, t.resourceType, t.tag, "User", t.createDate,
                t.lastOpDate);
    }
}
