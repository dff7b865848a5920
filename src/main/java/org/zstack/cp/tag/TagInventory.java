package org.zstack.cp.tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection

public record TagInventory(String uuid, String resourceUuid, String resourceType, String tag, String type,
                           Instant createDate, Instant lastOpDate) {
    static TagInventory of(TagEntity t, String type) {
        return new TagInventory(t.uuid, t.resourceUuid, t.resourceType, t.tag, type, t.createDate, t.lastOpDate);
    }
}
