package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Polls that wait for a job to end. A job that runs on this replica wakes its waiters when it commits its end; a
 * job of another replica is re-read every {@link ApiJobConfig#pollRecheck()} until it ends or the wait is over.
 */
@ApplicationScoped
public class JobWaiters {
    private final Vertx vertx;
    private final ApiJobConfig config;
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Runnable>> waiting = new ConcurrentHashMap<>();

    public JobWaiters(Vertx vertx, ApiJobConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void started(String jobUuid) {
        runningHere.add(jobUuid);
    }

    /** The job has ended here (its end committed, or it will never commit one from here). */
    void ended(String jobUuid) {
        runningHere.remove(jobUuid);
        List<Runnable> wakers = waiting.remove(jobUuid);
        if (wakers != null) {
            wakers.forEach(Runnable::run);
        }
    }

    int runningHere() {
        return runningHere.size();
    }

    /**
     * Completes when the job has ended or {@code wait} has passed, whichever comes first; {@code ended} re-reads
     * the job for a job of another replica.
     */
    Uni<Void> await(String jobUuid, Duration wait, Supplier<Uni<Boolean>> ended) {
        if (wait.isNegative() || wait.isZero()) {
            return Uni.createFrom().voidItem();
        }
        if (runningHere.contains(jobUuid)) {
            return Uni.createFrom().emitter(emitter -> {
                long[] timer = new long[1];
                Runnable wake = () -> {
                    vertx.cancelTimer(timer[0]);
                    emitter.complete(null);
                };
                timer[0] = vertx.setTimer(wait.toMillis(), id -> {
                    List<Runnable> wakers = waiting.get(jobUuid);
                    if (wakers != null) {
                        wakers.remove(wake);
                    }
                    emitter.complete(null);
                });
                waiting.computeIfAbsent(jobUuid, k -> new CopyOnWriteArrayList<>()).add(wake);
                if (!runningHere.contains(jobUuid)) {
                    wake.run();
                }
            });
        }
        long until = System.nanoTime() + wait.toNanos();
        return recheck(until, ended);
    }

    private Uni<Void> recheck(long until, Supplier<Uni<Boolean>> ended) {
        long left = until - System.nanoTime();
        if (left <= 0) {
            return Uni.createFrom().voidItem();
        }
        Duration pause = Duration.ofNanos(Math.min(left, config.pollRecheck().toNanos()));
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                .flatMap(v -> ended.get())
                .flatMap(done -> done ? Uni.createFrom().voidItem() : recheck(until, ended));
    }
}
