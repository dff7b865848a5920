package org.zstack.cp.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "zstack.db")
public interface DatabaseConfig {
    /** The deadline of every piece of database work (a transaction, a session, a statement): SYS.1001 after it. */
    @WithDefault("10s")
    Duration timeout();

    /** How long the readiness check waits for the database before it answers DOWN. */
    @WithDefault("2s")
    Duration readinessTimeout();
}
