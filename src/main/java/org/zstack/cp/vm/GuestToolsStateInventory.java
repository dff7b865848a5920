package org.zstack.cp.vm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.guesttools.GuestToolsStateInventory")
public record GuestToolsStateInventory(String vmInstanceUuid, QgaState qgaState, ZWatchState zwatchState,
                                       String version, String platform, String osType,
                                       Instant createDate, Instant lastOpDate) {
    static GuestToolsStateInventory from(GuestToolsStateEntity s) {
        return new GuestToolsStateInventory(s.vmInstanceUuid, s.qgaState, s.zwatchState, s.version, s.platform,
                s.osType, s.createDate, s.lastOpDate);
    }
}
