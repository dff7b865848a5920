package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.db.Conclusion;
import org.zstack.cp.db.TransactionSql;

import java.util.concurrent.CompletableFuture;

/**
 * The end of one job, written by the transaction that concludes its operation, or on its own after it. A job is
 * recorded as Running only once its operation is about to do something outside the database; one that does not is
 * recorded once, with its end, by the transaction that commits its rows. Either way {@link #durable()} completes
 * once the job's row has committed, so that the submission is answered only when any replica can answer its poll.
 */
final class JobConclusion implements Conclusion {
    private final RunningJob job;
    private final JobResults results;
    private final ApiJobRepository jobs;
    private final CompletableFuture<Boolean> durable = new CompletableFuture<>();
    private volatile boolean recorded;
    private volatile JobWaiters.Ended written;
    private volatile boolean committed;

    /** Another job of this UUID was recorded first: this one has changed nothing and never will. */
    static final class Taken extends RuntimeException {
        Taken(String jobUuid) {
            super("a job of uuid [" + jobUuid + "] exists already", null, false, false);
        }
    }

    JobConclusion(RunningJob job, JobResults results, ApiJobRepository jobs) {
        this.job = job;
        this.results = results;
        this.jobs = jobs;
    }

    RunningJob job() {
        return job;
    }

    /** True once this job's row has committed; false when another job of its UUID had been recorded first. */
    CompletableFuture<Boolean> durable() {
        return durable;
    }

    @Override
    public Uni<Void> beforeOutsideEffects() {
        if (recorded) {
            return Uni.createFrom().voidItem();
        }
        return jobs.insertRunning(job).flatMap(inserted -> {
            if (!inserted) {
                durable.complete(false);
                return Uni.createFrom().failure(new Taken(job.uuid()));
            }
            recorded = true;
            durable.complete(true);
            return Uni.createFrom().voidItem();
        });
    }

    @Override
    public Uni<Void> succeeded(TransactionSql transaction, Object result) {
        return end(transaction, JobResults.success(result));
    }

    @Override
    public Uni<Void> failed(TransactionSql transaction, Throwable failure) {
        return end(transaction, JobResults.failure(failure));
    }

    /** Ends the job with the outcome in the transaction given. */
    Uni<Void> end(TransactionSql transaction, JobResults.Outcome outcome) {
        return results.finish(transaction, job, recorded, outcome).invoke(ended -> written = ended).replaceWithVoid();
    }

    @Override
    public void committed() {
        committed = true;
        durable.complete(true);
        results.committed(job, written);
    }

    /** The job could not be ended here: another job of its UUID came first, or the database failed. */
    void notEnded(Throwable failure) {
        if (failure instanceof Taken) {
            durable.complete(false);
        } else {
            durable.completeExceptionally(failure);
        }
    }

    boolean isCommitted() {
        return committed;
    }

    static ApiException overdue(String jobUuid) {
        return ApiException.timeout("the API job [uuid:" + jobUuid + "] passed its deadline before it could finish; "
                + "nothing was changed");
    }
}
