package org.zstack.cp.vm;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.util.Objects;

/** The values of a {@code guest_tools_state} row, as read or as they are to be written. */
record GuestToolsSnapshot(String vmInstanceUuid, QgaState qgaState, ZWatchState zwatchState, String version,
                          String platform, String osType, Instant createDate, Instant lastOpDate) {

    /** The columns {@link #from} reads, from a query that names the table {@code g}. */
    static final String COLUMNS = "g.vm_instance_uuid, g.qga_state, g.zwatch_state, g.version, g.platform AS g_platform, "
            + "g.os_type, g.create_date, g.last_op_date";

    static GuestToolsSnapshot from(Row row) {
        if (row.getString("vm_instance_uuid") == null) {
            return null;
        }
        return new GuestToolsSnapshot(row.getString("vm_instance_uuid"), QgaState.valueOf(row.getString("qga_state")),
                ZWatchState.valueOf(row.getString("zwatch_state")), row.getString("version"),
                row.getString("g_platform"), row.getString("os_type"),
                row.getOffsetDateTime("create_date").toInstant(), row.getOffsetDateTime("last_op_date").toInstant());
    }

    static GuestToolsSnapshot of(GuestToolsStateEntity e) {
        return new GuestToolsSnapshot(e.vmInstanceUuid, e.qgaState, e.zwatchState, e.version, e.platform, e.osType,
                e.createDate, e.lastOpDate);
    }

    void copyTo(GuestToolsStateEntity e) {
        e.qgaState = qgaState;
        e.zwatchState = zwatchState;
        e.version = version;
        e.platform = platform;
        e.osType = osType;
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
