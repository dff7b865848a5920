package org.zstack.cp.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "zstack.webhook")
public interface WebhookConfig {
    /** The wait after a failed attempt before the next one. */
    @WithDefault("2s")
    Duration interval();

    /** Attempts in all; after the last failed one the delivery is given up (state FAILED). */
    @WithDefault("15")
    int attempts();

    /** How long one POST may take, connecting and the whole answer included. */
    @WithDefault("10s")
    Duration timeout();

    /** POSTs in flight at once on this replica; due deliveries beyond wait for the next round. */
    @WithDefault("16")
    int concurrency();

    /**
     * POSTs in flight at once on this replica to one receiver (scheme, host and port), so that a hung receiver
     * takes only that many of the slots.
     */
    @WithDefault("4")
    int concurrencyPerReceiver();

    /** The only hosts webhooks may be sent to (exact names or addresses); unset, any host. */
    Optional<List<String>> allowedHosts();
}
