package org.zstack.cp.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.zstack.cp.job.WebhookDeliveryRepository.Claimed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the due webhooks of {@code webhook_delivery}, from any replica: each round claims up to as many due rows
 * as it has free slots ({@code zstack.webhook.concurrency}), leaving out the receivers that already have all of
 * theirs ({@code zstack.webhook.concurrency-per-receiver}), POSTs each with no lock or connection held, and records
 * the outcome. A round runs every half {@code zstack.webhook.interval}, when {@link #kick()} is called, and when a
 * POST ends that freed a slot something may wait for. One replica runs one round at a time.
 */
@ApplicationScoped
class WebhookDeliverer {
    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);
    /** How long a claim outlives the POST's own timeout, for recording its outcome. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    /** How often deliveries whose last attempt was lost with its replica are looked for, and given up. */
    private static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);
    private final Vertx vertx;
    private final WebhookConfig config;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookPoster poster;
    private final Duration lease;
    private final int slots;
    private final int perReceiverSlots;
    /** POSTs in flight per receiver. */
    private final Map<String, Integer> perReceiver = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter givenUp;
    private volatile boolean saturated;
    private volatile boolean stopped = true;
    private long timer = -1;
    private long sweeper = -1;

    WebhookDeliverer(Vertx vertx, WebhookConfig config, WebhookDeliveryRepository deliveries, WebhookPoster poster,
                     MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.deliveries = deliveries;
        this.poster = poster;
        this.lease = config.timeout().plus(LEASE_MARGIN);
        this.slots = Math.max(1, config.concurrency());
        this.perReceiverSlots = Math.max(1, config.concurrencyPerReceiver());
        this.delivered = Counter.builder("zstack.webhook.delivered")
                .description("Webhooks delivered (the receiver answered 2xx)").register(metrics);
        this.failedAttempts = Counter.builder("zstack.webhook.failed.attempts")
                .description("Webhook attempts that failed (no answer, or not 2xx)").register(metrics);
        this.givenUp = Counter.builder("zstack.webhook.given.up")
                .description("Webhooks given up after their last failed attempt").register(metrics);
    }

    synchronized void start(@Observes StartupEvent event) {
        stopped = false;
        long period = Math.max(50, config.interval().toMillis() / 2);
        timer = vertx.setPeriodic(period, id -> kick());
        sweeper = vertx.setPeriodic(SWEEP_PERIOD.toMillis(), id -> sweep());
        kick();
    }

    /** A replica on its way out claims nothing more (the others deliver); POSTs in flight end as they will. */
    void stopClaiming(@Observes ShutdownDelayInitiatedEvent event) {
        stop();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    private synchronized void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        vertx.cancelTimer(sweeper);
    }

    /** Starts a round now, or right after the one that is running. */
    void kick() {
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        int free = slots - inFlight.get();
        if (free <= 0) {
            saturated = true;
            claiming.set(false);
            return;
        }
        deliveries.claim(free, lease, config.attempts(), busyReceivers()).subscribe().with(claimed -> {
            saturated = claimed.size() == free;
            List<Claimed> started = claimed.stream().filter(this::takeReceiverSlot).toList();
            inFlight.addAndGet(started.size());
            claiming.set(false);
            started.forEach(this::deliver);
            claimed.stream().filter(c -> !started.contains(c)).forEach(this::release);
            if (again.get()) {
                kick();
            }
        }, failure -> {
            LOG.warnf("could not claim due webhooks: %s", failure.toString());
            claiming.set(false);
        });
    }

    private void sweep() {
        if (!stopped) {
            deliveries.giveUpAbandoned(config.attempts()).subscribe().with(
                    jobs -> jobs.forEach(job -> gaveUp(job, config.attempts(), "the last attempt never ended")),
                    failure -> LOG.debugf("could not look for abandoned webhooks: %s", failure.toString()));
        }
    }

    private List<String> busyReceivers() {
        return perReceiver.entrySet().stream().filter(e -> e.getValue() >= perReceiverSlots)
                .map(Map.Entry::getKey).toList();
    }

    /** Counts a POST to the delivery's receiver, unless that receiver already has all of its slots. */
    private boolean takeReceiverSlot(Claimed delivery) {
        boolean[] taken = {false};
        perReceiver.compute(delivery.receiver(), (receiver, n) -> {
            int count = n == null ? 0 : n;
            taken[0] = count < perReceiverSlots;
            return taken[0] ? count + 1 : n;
        });
        return taken[0];
    }

    /** A delivery claimed in the same round as others to its receiver beyond its slots waits for a later round. */
    private void release(Claimed delivery) {
        deliveries.release(delivery).subscribe().with(v -> { }, failure -> LOG.debugf(
                "could not give back the webhook of job %s: %s", delivery.jobUuid(), failure.toString()));
    }

    private void deliver(Claimed delivery) {
        poster.post(delivery.url(), delivery.jobUuid(), delivery.success(), delivery.body())
                .map(status -> status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status)
                .onFailure().recoverWithItem(failure -> describe(failure, delivery.url()))
                .flatMap(error -> error == null ? recordDelivered(delivery) : recordFailed(delivery, error))
                .onFailure().invoke(failure -> LOG.warnf("could not record the outcome of the webhook of job %s: %s",
                        delivery.jobUuid(), failure.toString()))
                .onTermination().invoke(() -> freeSlot(delivery))
                .subscribe().with(v -> { }, failure -> { });
    }

    private Uni<Void> recordDelivered(Claimed delivery) {
        delivered.increment();
        LOG.debugf("delivered the webhook of job %s at attempt %d", delivery.jobUuid(), delivery.attempt());
        return deliveries.delivered(delivery);
    }

    private Uni<Void> recordFailed(Claimed delivery, String error) {
        failedAttempts.increment();
        if (delivery.attempt() >= config.attempts()) {
            gaveUp(delivery.jobUuid(), delivery.attempt(), error);
            return deliveries.giveUp(delivery, error);
        }
        LOG.debugf("attempt %d of the webhook of job %s failed: %s", delivery.attempt(), delivery.jobUuid(), error);
        return deliveries.retryAfter(delivery, config.interval(), error);
    }

    private void gaveUp(String jobUuid, int attempts, String error) {
        givenUp.increment();
        LOG.warnf("gave up the webhook of job %s after %d attempts; the last one: %s", jobUuid, attempts, error);
    }

    private void freeSlot(Claimed delivery) {
        Integer before = perReceiver.get(delivery.receiver());
        perReceiver.computeIfPresent(delivery.receiver(), (receiver, n) -> n > 1 ? n - 1 : null);
        inFlight.decrementAndGet();
        if (saturated || (before != null && before >= perReceiverSlots)) {
            kick();
        }
    }

    /** What went wrong, without the URL (which may carry a token) or anything the receiver said. */
    private static String describe(Throwable failure, String url) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace(url, "<url>"));
    }
}
