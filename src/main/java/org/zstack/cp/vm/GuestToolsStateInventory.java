package org.zstack.cp.vm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

/** Built by {@link GuestToolsSnapshot#inventory()} only. */
@RegisterForReflection
@ZStackClass("org.zstack.guesttools.GuestToolsStateInventory")
public record GuestToolsStateInventory(String vmInstanceUuid, QgaState qgaState, ZWatchState zwatchState,
                                       String version, String platform, String osType,
                                       Instant createDate, Instant lastOpDate) {
}
