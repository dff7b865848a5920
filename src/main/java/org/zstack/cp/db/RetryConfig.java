package org.zstack.cp.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How often a transaction that lost a deadlock or a serialization check is tried again, and how long to wait. */
@ConfigMapping(prefix = "zstack.db.retry")
public interface RetryConfig {
    /** Retries after the first attempt; 0 turns retrying off. */
    @WithDefault("3")
    int attempts();

    /** The first wait; each retry waits up to twice as long as the one before, jittered. */
    @WithDefault("10ms")
    Duration backoff();
}
