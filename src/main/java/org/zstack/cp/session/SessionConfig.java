package org.zstack.cp.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "zstack.session")
public interface SessionConfig {
    /** How long a session lives after its last use. */
    @WithDefault("7200s")
    Duration timeout();

    /**
     * How long a replica may trust a session it has read without asking the database again; a logout elsewhere
     * takes effect within this time. {@code 0s} asks the database on every request.
     */
    @WithDefault("2s")
    Duration cacheTtl();
}
