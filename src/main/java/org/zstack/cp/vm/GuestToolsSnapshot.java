package org.zstack.cp.vm;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@code guest_tools_state} row, as read or as it is to be written: the one shape the service works with. It is
 * read from SQL by {@link GuestToolsStateRepository} and from the entity by {@link #of}, and it is the only thing
 * the inventory is built from.
 */
record GuestToolsSnapshot(String vmInstanceUuid, QgaState qgaState, ZWatchState zwatchState, String version,
                          String platform, String osType, Instant createDate, Instant lastOpDate) {

    static GuestToolsSnapshot of(GuestToolsStateEntity e) {
        return new GuestToolsSnapshot(e.vmInstanceUuid, e.qgaState, e.zwatchState, e.version, e.platform, e.osType,
                e.createDate, e.lastOpDate);
    }

    boolean sameStateAs(GuestToolsSnapshot other) {
        return qgaState == other.qgaState && zwatchState == other.zwatchState
                && Objects.equals(version, other.version) && Objects.equals(platform, other.platform)
                && Objects.equals(osType, other.osType);
    }

    GuestToolsSnapshot withLastOpDate(Instant when) {
        return new GuestToolsSnapshot(vmInstanceUuid, qgaState, zwatchState, version, platform, osType, createDate,
                when);
    }

    GuestToolsStateInventory inventory() {
        return new GuestToolsStateInventory(vmInstanceUuid, qgaState, zwatchState, version, platform, osType,
                createDate, lastOpDate);
    }
}
