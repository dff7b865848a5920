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

    /**
     * Of the reactive pool's connections ({@code quarkus.datasource.reactive.max-size}), how many go to the pipelined
     * client of the lock-free single statements ({@link PipelinedStatements}); 0 keeps them all in the pool.
     */
    @WithDefault("4")
    int pipelinedConnections();

    /** Statements in flight at once on one connection of the pipelined client. */
    @WithDefault("8")
    int pipeliningLimit();
}
