package org.zstack.cp.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

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

    /**
     * Where agents POST their replies to this replica: {@code <base>/zstack/asyncrest/callback}. Unset, it is
     * {@code http://<first non-loopback address>:<quarkus.http.port>}; in Kubernetes the pod IP.
     */
    Optional<String> callbackBaseUrl();

    /** The largest reply body an agent may POST to the callback endpoint, in bytes. */
    @WithDefault("1048576")
    int callbackMaxBodySize();

    Simulator simulator();

    interface Simulator {
        /**
         * Serve a KVM agent simulator under {@code /zstack/simulator/kvm} of this application and send KVM calls
         * there, and answer image-store calls in process (on in dev mode only).
         */
        @WithDefault("false")
        boolean enabled();
    }
}
