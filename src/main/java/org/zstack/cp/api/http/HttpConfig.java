package org.zstack.cp.api.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Deadlines for reading a request, however slowly its bytes trickle in. */
@ConfigMapping(prefix = "zstack.http")
public interface HttpConfig {
    /**
     * A request's headers must be complete this long after the connection opens, or after the previous response
     * on a kept-alive connection; otherwise the connection is closed.
     */
    @WithDefault("30s")
    Duration requestHeaderTimeout();

    /** A request's body must be complete this long after its headers; otherwise 408 and the connection is closed. */
    @WithDefault("30s")
    Duration requestBodyTimeout();
}
