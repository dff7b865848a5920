package org.zstack.cp.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorMapper;
import org.zstack.cp.api.Replies;
import org.zstack.cp.db.TransactionSql;

import java.util.List;

/**
 * Writes how jobs end: the body the poll will answer (and the webhook will receive), in the caller's transaction,
 * and tells the waiting polls once it has committed.
 */
@ApplicationScoped
class JobResults {
    static final int FAILURE_STATUS = 503;
    private final ApiJobRepository jobs;
    private final JobWaiters waiters;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final Webhooks webhooks;

    JobResults(ApiJobRepository jobs, JobWaiters waiters, ObjectMapper mapper, MeterRegistry metrics,
               Webhooks webhooks) {
        this.webhooks = webhooks;
        this.jobs = jobs;
        this.waiters = waiters;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** How a job ended: its state, the poll's status and the reply object. */
    record Outcome(JobState state, int status, Object reply) {
    }

    static Outcome success(Object serviceResult) {
        return new Outcome(JobState.Succeeded, 200, Replies.inventory(serviceResult));
    }

    static Outcome failure(Throwable failure) {
        return new Outcome(JobState.Failed, FAILURE_STATUS, ErrorMapper.reply(failure));
    }

    /**
     * Ends the job in the transaction given, and answers what was written: the row of a job recorded as Running is
     * ended, that of one not recorded yet is written ended. Fails (rolling back) when the job may not end so: it
     * has ended already or its deadline has passed, or another job of its UUID was recorded first.
     */
    Uni<JobWaiters.Ended> finish(TransactionSql transaction, RunningJob job, boolean recorded, Outcome outcome) {
        String body = json(outcome.reply(), job.withSchema());
        JobWaiters.Ended ended = new JobWaiters.Ended(outcome.state(), outcome.status(), body);
        Uni<Boolean> written = recorded
                ? jobs.finish(transaction, job.uuid(), outcome.state(), outcome.status(), body)
                : jobs.insertEnded(transaction, job, outcome.state(), outcome.status(), body);
        return written.flatMap(finished -> {
            if (!finished) {
                return Uni.createFrom().failure(recorded ? JobConclusion.overdue(job.uuid())
                        : new JobConclusion.Taken(job.uuid()));
            }
            return notifyWebHooks(transaction, job.uuid(), job.webHook(), outcome.state() == JobState.Succeeded, body)
                    .replaceWith(ended);
        });
    }

    /** Fails the overdue jobs (the one given, or up to {@code limit} of all) in the current transaction. */
    Uni<List<ApiJobRepository.FinishedJob>> failOverdue(String jobUuid, int limit) {
        String body = json(ErrorMapper.reply(ApiException.timeout("the API job did not finish before its deadline "
                + "(X-API-Timeout, or the API's default); what it had not committed by then never will be")), false);
        Uni<List<ApiJobRepository.FinishedJob>> ended = jobUuid != null
                ? jobs.failIfOverdueInTransaction(jobUuid, FAILURE_STATUS, body)
                : jobs.failOverdueInTransaction(FAILURE_STATUS, body, limit);
        return ended.call(list -> {
            Uni<Void> told = Uni.createFrom().voidItem();
            for (ApiJobRepository.FinishedJob job : list) {
                told = told.call(() -> notifyWebHooks(TransactionSql.panache(), job.uuid(), job.webHook(), false,
                        body));
            }
            return told;
        });
    }

    /** The job's end has committed: its polls are told, and its webhook (if it has one) is sent now. */
    void committed(RunningJob job, JobWaiters.Ended ended) {
        if (job.webHook() != null) {
            webhooks.kick();
        }
        metrics.counter("zstack.api.jobs.finished", "outcome", ended.state().name()).increment();
        waiters.ended(job.uuid(), ended);
    }

    void overdueCommitted(List<ApiJobRepository.FinishedJob> ended) {
        if (ended.stream().anyMatch(job -> job.webHook() != null)) {
            webhooks.kick();
        }
        for (ApiJobRepository.FinishedJob job : ended) {
            metrics.counter("zstack.api.jobs.finished", "outcome", "Overdue").increment();
            waiters.ended(job.uuid(), null);
        }
    }

    private Uni<Void> notifyWebHooks(TransactionSql transaction, String jobUuid, String webHook, boolean success,
                                     String body) {
        return webHook == null ? Uni.createFrom().voidItem()
                : webhooks.enqueue(transaction, jobUuid, webHook, success, body);
    }

    String json(Object reply, boolean withSchema) {
        try {
            return mapper.writeValueAsString(withSchema ? Replies.withSchema(reply) : reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply could not be written as JSON", e);
        }
    }
}
