package org.zstack.cp.vm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every cell of the qga and zwatch transition tables. */
class GuestToolsTransitionsTest {

    @ParameterizedTest(name = "qga {0} + {1} -> {2}")
    @CsvSource({
            "NotInstalled, zwatchRunning, NotUpgraded",
            "NotInstalled, qgaNotRunning, NotInstalled",
            "NotInstalled, zsToolNotFound, NotInstalled",
            "NotInstalled, zsToolFound, Running",
            "Running, zwatchRunning, Running",
            "Running, qgaNotRunning, NotRunning",
            "Running, zsToolNotFound, NotInstalled",
            "Running, zsToolFound, Running",
            "NotRunning, zwatchRunning, NotRunning",
            "NotRunning, qgaNotRunning, NotRunning",
            "NotRunning, zsToolNotFound, NotInstalled",
            "NotRunning, zsToolFound, Running",
            "NotUpgraded, zwatchRunning, NotUpgraded",
            "NotUpgraded, qgaNotRunning, NotUpgraded",
            "NotUpgraded, zsToolNotFound, NotUpgraded",
            "NotUpgraded, zsToolFound, Running"})
    void qga(QgaState from, QgaState.Event event, QgaState to) {
        assertThat(from.on(event)).isEqualTo(to);
    }

    @ParameterizedTest(name = "zwatch {0} + {1} -> {2}")
    @CsvSource({
            "NotInstalled, started, Running",
            "NotInstalled, installFinished, Running",
            "NotInstalled, stopped, NotInstalled",
            "Running, started, Running",
            "Running, installFinished, Running",
            "Running, stopped, NotRunning",
            "NotRunning, started, Running",
            "NotRunning, installFinished, Running",
            "NotRunning, stopped, NotRunning"})
    void zwatch(ZWatchState from, ZWatchState.Event event, ZWatchState to) {
        assertThat(from.on(event)).isEqualTo(to);
    }
}
