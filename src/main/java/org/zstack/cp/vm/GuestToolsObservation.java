package org.zstack.cp.vm;

import org.zstack.cp.agent.AgentMessages;

/**
 * What one look at a VM says about its guest tools: the qga event, the zwatch event (null when the look says
 * nothing about zwatch, as the KVM agent's answer never does: the zwatch state then stays as stored), and the
 * details the agent reported.
 */
record GuestToolsObservation(QgaState.Event qga, ZWatchState.Event zwatch, String version, String platform,
                             String osType) {

    /** A VM that is not Running: its tools cannot be running either. */
    static final GuestToolsObservation VM_NOT_RUNNING =
            new GuestToolsObservation(QgaState.Event.qgaNotRunning, ZWatchState.Event.stopped, null, null, null);

    static GuestToolsObservation of(AgentMessages.GuestToolsState s) {
        QgaState.Event qga = !s.zsToolsFound() ? QgaState.Event.zsToolNotFound
                : s.qgaRunning() ? QgaState.Event.zsToolFound : QgaState.Event.qgaNotRunning;
        return new GuestToolsObservation(qga, null, s.version(), s.platForm(), s.osType());
    }

    /** The state after this observation's events: zwatch running with qga not installed means not upgraded. */
    GuestToolsSnapshot applyTo(GuestToolsSnapshot row) {
        QgaState qgaState = row.qgaState().on(qga);
        ZWatchState zwatchState = zwatch == null ? row.zwatchState() : row.zwatchState().on(zwatch);
        if (zwatchState == ZWatchState.Running && qgaState == QgaState.NotInstalled) {
            qgaState = qgaState.on(QgaState.Event.zwatchRunning);
        }
        return new GuestToolsSnapshot(row.vmInstanceUuid(), qgaState, zwatchState,
                version != null ? version : row.version(), platform != null ? platform : row.platform(),
                osType != null ? osType : row.osType(), row.createDate(), row.lastOpDate());
    }
}
