package org.zstack.cp.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** ZStack's API jobs: how long a job may run, how long a poll waits for its end, and how long results are kept. */
@ConfigMapping(prefix = "zstack.api-job")
public interface ApiJobConfig {
    /** A job's deadline when the call sends no {@code X-API-Timeout}. */
    @WithDefault("5m")
    Duration defaultTimeout();

    /** The longest {@code X-API-Timeout} accepted. */
    @WithDefault("24h")
    Duration maxTimeout();

    /** How long a poll of a running job waits for its end before it answers 202. */
    @WithDefault("2s")
    Duration pollWait();

    /** How often a waiting poll re-reads a job that runs on another replica. */
    @WithDefault("50ms")
    Duration pollRecheck();

    /** How long a finished job's result is kept (ZStack: rest.completedApi.expiredPeriod, 3 hours). */
    @WithDefault("3h")
    Duration retention();

    /** How often finished jobs past their retention are deleted, and jobs past their deadline failed. */
    @WithDefault("1m")
    Duration cleanupInterval();
}
