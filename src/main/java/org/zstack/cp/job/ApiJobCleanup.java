package org.zstack.cp.job;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.zstack.cp.db.Transactions;

import java.time.Instant;

/**
 * Every {@link ApiJobConfig#cleanupInterval()}: fails the jobs past their deadline (their replica died), then
 * deletes the finished jobs past their retention. Safe on every replica at once: each step is a conditional
 * statement, and the overdue rows are claimed with SKIP LOCKED.
 */
@ApplicationScoped
public class ApiJobCleanup {
    private static final Logger LOG = Logger.getLogger(ApiJobCleanup.class);
    private static final int BATCH = 1000;
    private final ApiJobRepository jobs;
    private final JobResults results;
    private final Transactions transactions;
    private final ApiJobConfig config;
    private final Vertx vertx;
    private long timer = -1;

    public ApiJobCleanup(ApiJobRepository jobs, JobResults results, Transactions transactions, ApiJobConfig config,
                         Vertx vertx) {
        this.jobs = jobs;
        this.results = results;
        this.transactions = transactions;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.cleanupInterval().toMillis(), id -> vertx.getOrCreateContext()
                .runOnContext(v -> runOnce()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void runOnce() {
        transactions.withTransaction(() -> results.failOverdue(null, BATCH))
                .invoke(results::overdueCommitted)
                .flatMap(v -> jobs.deleteFinishedBefore(Instant.now().minus(config.retention()), BATCH))
                .subscribe().with(deleted -> LOG.debugf("deleted %d expired API jobs", deleted),
                        failure -> LOG.warnf("the API job cleanup failed, to be tried again: %s", failure.toString()));
    }
}
