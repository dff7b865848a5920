package org.zstack.cp.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "zstack.session")
public interface SessionConfig {
    /** How long a session lives after its last use. */
    @WithDefault("7200s")
    Duration timeout();
}
