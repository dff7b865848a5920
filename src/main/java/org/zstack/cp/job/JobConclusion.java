package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.db.Conclusion;
import org.zstack.cp.db.TransactionSql;

/** The end of one running job, written by the transaction that concludes its operation, or on its own after it. */
final class JobConclusion implements Conclusion {
    private final RunningJob job;
    private final JobResults results;
    private volatile JobWaiters.Ended written;
    private volatile boolean committed;

    JobConclusion(RunningJob job, JobResults results) {
        this.job = job;
        this.results = results;
    }

    String jobUuid() {
        return job.uuid();
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
        return results.finish(transaction, job, outcome).invoke(ended -> written = ended).replaceWithVoid();
    }

    @Override
    public void committed() {
        committed = true;
        results.committed(job.uuid(), written);
    }

    boolean isCommitted() {
        return committed;
    }

    static ApiException overdue(String jobUuid) {
        return ApiException.timeout("the API job [uuid:" + jobUuid + "] passed its deadline before it could finish; "
                + "nothing was changed");
    }
}
