package org.zstack.cp.vm;

/** The state of the zwatch monitoring agent in a VM, and how each event moves it. */
public enum ZWatchState {
    NotInstalled, Running, NotRunning;

    public enum Event {
        started, installFinished, stopped
    }

    public ZWatchState on(Event event) {
        if (event != Event.stopped) {
            return Running;
        }
        return this == NotInstalled ? NotInstalled : NotRunning;
    }
}
