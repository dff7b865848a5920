package org.zstack.cp.vm;

/** The state of the guest agent (qga) and ZStack's tools in a VM, and how each event moves it. */
public enum QgaState {
    NotInstalled, Running, NotRunning, NotUpgraded;

    public enum Event {
        zwatchRunning, qgaNotRunning, zsToolNotFound, zsToolFound
    }

    public QgaState on(Event event) {
        if (event == Event.zsToolFound) {
            return Running;
        }
        return switch (this) {
            case NotInstalled -> event == Event.zwatchRunning ? NotUpgraded : NotInstalled;
            case Running -> switch (event) {
                case qgaNotRunning -> NotRunning;
                case zsToolNotFound -> NotInstalled;
                default -> Running;
            };
            case NotRunning -> event == Event.zsToolNotFound ? NotInstalled : NotRunning;
            case NotUpgraded -> NotUpgraded;
        };
    }
}
