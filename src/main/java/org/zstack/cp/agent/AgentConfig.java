package org.zstack.cp.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "zstack.agent")
public interface AgentConfig {
    /** How long an agent call may take. */
    @WithDefault("30s")
    Duration timeout();

    /** How long the guest password change may take; also sent to the agent as its {@code timeout}. */
    @WithDefault("60s")
    Duration changePasswordTimeout();

    /** How many connections to one agent (host and port) may be open at once; further calls wait for one. */
    @WithDefault("20")
    int maxConnectionsPerHost();

    /** How long opening a TCP connection to an agent may take (within the call's deadline). */
    @WithDefault("5s")
    Duration connectTimeout();

    Simulator simulator();

    interface Simulator {
        /** Answer agent calls in process instead of over HTTP (on in dev mode only). */
        @WithDefault("false")
        boolean enabled();
    }
}
