package org.zstack.cp.job;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The jobs this replica runs, and the polls that wait for them. A job of this replica wakes its polls when its end
 * has committed and hands them what it wrote, so that such a poll reads nothing from the database; that end is
 * kept until its first poll, at most about {@link #KEPT} (one periodic sweep forgets the older ones: a timer per
 * job would hold every job's context and body for that long). A job of another replica is re-read every
 * {@link ApiJobConfig#pollRecheck()} until it ends or the wait is over.
 */
@ApplicationScoped
public class JobWaiters {
    static final Duration KEPT = Duration.ofSeconds(30);
    private static final Duration SWEEP_PERIOD = Duration.ofSeconds(5);
    private final Vertx vertx;
    private final ApiJobConfig config;
    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private long sweeper = -1;

    /** The end a job wrote: the poll's status and body. */
    record Ended(JobState state, int status, String body) {
    }

    /** A job of this replica: running while {@code done} is false; {@code ended} null if its end is unknown here. */
    static final class Local {
        final RunningJob job;
        final List<Runnable> wakers = new CopyOnWriteArrayList<>();
        volatile boolean done;
        volatile Ended ended;
        volatile long endedAtNanos;

        Local(RunningJob job) {
            this.job = job;
        }
    }

    public JobWaiters(Vertx vertx, ApiJobConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        sweeper = vertx.setPeriodic(SWEEP_PERIOD.toMillis(), id -> forgetUnpolled());
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }

    void started(RunningJob job) {
        local.put(job.uuid(), new Local(job));
    }

    /** The job has ended here: with the end it committed, or null when it will never commit one from here. */
    void ended(String jobUuid, Ended ended) {
        Local job = local.get(jobUuid);
        if (job == null || job.done) {
            return;
        }
        job.ended = ended;
        job.endedAtNanos = System.nanoTime();
        job.done = true;
        job.wakers.forEach(Runnable::run);
        job.wakers.clear();
        if (ended == null) {
            local.remove(jobUuid);
        }
    }

    /** Forgets the ends that no poll has asked for within {@link #KEPT}: the database still has them. */
    void forgetUnpolled() {
        long now = System.nanoTime();
        local.values().removeIf(job -> job.done && now - job.endedAtNanos > KEPT.toNanos());
    }

    int runningHere() {
        return (int) local.values().stream().filter(job -> !job.done).count();
    }

    /** The job of this replica of that UUID, running or just ended; null if there is none. */
    Local local(String jobUuid) {
        return local.get(jobUuid);
    }

    /** Forgets a job of this replica whose end a poll has just been answered with. */
    void answered(Local job) {
        local.remove(job.job.uuid(), job);
    }

    /** Completes when the job of this replica has ended or {@code wait} has passed, whichever comes first. */
    Uni<Void> awaitLocal(Local job, Duration wait) {
        if (job.done) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            long[] timer = new long[1];
            Runnable wake = () -> {
                vertx.cancelTimer(timer[0]);
                emitter.complete(null);
            };
            timer[0] = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
                job.wakers.remove(wake);
                emitter.complete(null);
            });
            job.wakers.add(wake);
            if (job.done) {
                wake.run();
            }
        });
    }

    /**
     * Re-reads a job of another replica until it has ended (or is gone), or {@code wait} has passed; the row as
     * last read.
     */
    Uni<ApiJobRow> awaitRemote(Duration wait, ApiJobRow current, Supplier<Uni<ApiJobRow>> read) {
        return recheck(System.nanoTime() + wait.toNanos(), current, read);
    }

    private Uni<ApiJobRow> recheck(long until, ApiJobRow current, Supplier<Uni<ApiJobRow>> read) {
        long left = until - System.nanoTime();
        if (current == null || current.finished() || left < Duration.ofMillis(1).toNanos()) {
            return Uni.createFrom().item(current);
        }
        Duration pause = Duration.ofMillis(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(),
                config.pollRecheck().toMillis())));
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                .flatMap(v -> read.get())
                .flatMap(row -> recheck(until, row, read));
    }
}
