package org.zstack.cp.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, checking it every 50 ms, and fails after a bound. */
public final class Poll {
    private Poll() {
    }

    public static void until(Duration bound, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
    }
}
