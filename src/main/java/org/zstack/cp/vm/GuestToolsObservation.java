package org.zstack.cp.vm;

import org.zstack.cp.agent.AgentMessages;

/** What one look at a VM says about its guest tools: the two events, and the details the agent reported. */
record GuestToolsObservation(QgaState.Event qga, ZWatchState.Event zwatch, String version, String platform,
                             String osType) {

    /** A VM that is not Running: its tools cannot be running either. */
    static final GuestToolsObservation VM_NOT_RUNNING =
            new GuestToolsObservation(QgaState.Event.qgaNotRunning, ZWatchState.Event.stopped, null, null, null);

    static GuestToolsObservation of(AgentMessages.GuestToolsState s) {
        QgaState.Event qga = !s.zsToolsInstalled() ? QgaState.Event.zsToolNotFound
                : s.qgaRunning() ? QgaState.Event.zsToolFound : QgaState.Event.qgaNotRunning;
        ZWatchState.Event zwatch = s.zwatchRunning() ? ZWatchState.Event.started : ZWatchState.Event.stopped;
        return new GuestToolsObservation(qga, zwatch, s.version(), s.platform(), s.osType());
    }

    /** Applies the observation to a row; true when anything changed. */
    boolean applyTo(GuestToolsStateEntity row) {
        QgaState qgaState = row.qgaState.on(qga);
        ZWatchState zwatchState = row.zwatchState.on(zwatch);
        if (zwatchState == ZWatchState.Running && qgaState == QgaState.NotInstalled) {
            qgaState = qgaState.on(QgaState.Event.zwatchRunning);
        }
        boolean changed = qgaState != row.qgaState || zwatchState != row.zwatchState
                || differs(version, row.version) || differs(platform, row.platform) || differs(osType, row.osType);
        if (changed) {
            row.qgaState = qgaState;
            row.zwatchState = zwatchState;
            row.version = version != null ? version : row.version;
            row.platform = platform != null ? platform : row.platform;
            row.osType = osType != null ? osType : row.osType;
        }
        return changed;
    }

    private static boolean differs(String given, String stored) {
        return given != null && !given.equals(stored);
    }
}
