package org.zstack.cp.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.Call;
import org.zstack.cp.api.JobRunner;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Conclusion;
import org.zstack.cp.db.Transactions;
import org.zstack.cp.secret.Digests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * ZStack's API jobs, kept in PostgreSQL so that any replica answers any poll. A submission is answered 202 with the
 * poll's location once the job's row has committed: before the operation calls an agent, the job is recorded as
 * Running; an operation that only writes to the database records the job with its end, in the transaction of its
 * rows. A repeated X-Job-UUID for the same request is the same job; for another request it is refused.
 */
@ApplicationScoped
public class ApiJobs implements JobRunner {
    static final String POLL_PATH = "/zstack/v1/api-jobs/";
    private static final Logger LOG = Logger.getLogger(ApiJobs.class);
    private final ApiJobRepository jobs;
    private final JobResults results;
    private final JobWaiters waiters;
    private final Transactions transactions;
    private final ApiJobConfig config;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final WebhookTargets webhookTargets;

    public ApiJobs(ApiJobRepository jobs, JobResults results, JobWaiters waiters, Transactions transactions,
                   ApiJobConfig config, Vertx vertx, MeterRegistry metrics, WebhookTargets webhookTargets) {
        this.webhookTargets = webhookTargets;
        this.jobs = jobs;
        this.results = results;
        this.waiters = waiters;
        this.transactions = transactions;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        metrics.gauge("zstack.api.jobs.running", waiters, JobWaiters::runningHere);
    }

    /** The body of the 202 answer: where to poll. */
    public record Location(String location) {
    }

    @Override
    public Uni<Object> submit(Call call, String request, Supplier<Uni<?>> operation) {
        return Uni.createFrom().deferred(() -> {
            String jobUuid = call.jobUuid();
            if (!Uuids.isValid(jobUuid)) {
                throw ApiException.badRequest("the header [" + Call.JOB_UUID + "] must be a UUID of 32 lowercase hex "
                        + "characters, not [" + jobUuid + "]");
            }
            JobTracing.submitting(jobUuid);
            Response accepted = Response.status(202).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Location(call.baseUri() + POLL_PATH + jobUuid)).build();
            if (call.authFailure() != null) {
                return Uni.createFrom().item(accepted);
            }
            RunningJob job = jobOf(call, request);
            JobWaiters.Local running = waiters.local(jobUuid);
            if (running != null) {
                return waiters.awaitLocal(running, config.pollWait()).flatMap(v -> sameJob(job, accepted));
            }
            JobConclusion conclusion = start(job, operation);
            return Uni.createFrom().completionStage(conclusion.durable())
                    .flatMap(ours -> ours ? Uni.createFrom().item((Object) accepted) : sameJob(job, accepted));
        });
    }

    private RunningJob jobOf(Call call, String request) {
        Duration timeout = timeoutOf(call.apiTimeout());
        if (call.webHook() != null) {
            try {
                webhookTargets.check(call.webHook());
            } catch (ApiException refused) {
                throw ApiException.badRequest(refused.details());
            }
        }
        String requestLine = call.method() + " " + call.path();
        return new RunningJob(call.jobUuid(), call.accountUuid(), requestLine,
                Digests.sha256Hex(requestLine + "\n" + request), timeout, Instant.now().plus(timeout),
                call.jsonSchema(), call.webHook());
    }

    /** The answer to a submission whose X-Job-UUID names a job recorded before: the same request's, or refused. */
    private Uni<Object> sameJob(RunningJob job, Response accepted) {
        return jobs.find(job.uuid()).map(existing -> {
            if (existing == null || !existing.accountUuid().equals(job.accountUuid())
                    || !existing.requestHash().equals(job.requestHash())) {
                throw ApiException.badRequest("Duplicate job uuid[" + job.uuid() + "]: a job of that uuid exists "
                        + "for another request");
            }
            return accepted;
        });
    }

    private JobConclusion start(RunningJob job, Supplier<Uni<?>> operation) {
        JobConclusion conclusion = new JobConclusion(job, results, jobs);
        waiters.started(job);
        metrics.counter("zstack.api.jobs.submitted").increment();
        io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
        io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(own, true);
        own.runOnContext(v -> run(conclusion, operation, trace));
        return conclusion;
    }

    /** Runs the job's operation in the trace of the request that submitted it, and writes its end. */
    private void run(JobConclusion conclusion, Supplier<Uni<?>> operation, io.opentelemetry.context.Context trace) {
        RunningJob job = conclusion.job();
        Scope traced = trace.makeCurrent();
        Uni.createFrom().deferred(operation)
                .ifNoItem().after(job.timeout()).failWith(() -> ApiException.timeout("the API job [uuid:" + job.uuid()
                        + "] did not finish within its deadline of " + job.timeout().toSeconds() + " s"))
                .onItemOrFailure().transformToUni((item, failure) -> conclude(conclusion, item, failure))
                .onTermination().invoke(traced::close)
                .subscribe().with(Context.of(Conclusion.KEY, conclusion), done -> { },
                        failure -> LOG.errorf(failure, "the API job [uuid:%s] could not end", job.uuid()));
    }

    /** Writes the job's end unless the operation's concluding transaction has written it already. */
    private Uni<Void> conclude(JobConclusion conclusion, Object item, Throwable failure) {
        String jobUuid = conclusion.job().uuid();
        if (conclusion.isCommitted() || failure instanceof JobConclusion.Taken) {
            if (!conclusion.isCommitted()) {
                conclusion.notEnded(failure);
                waiters.ended(jobUuid, null);
            }
            return Uni.createFrom().voidItem();
        }
        JobResults.Outcome outcome = failure == null ? JobResults.success(item) : JobResults.failure(failure);
        return transactions.inPoolTransaction(transaction -> conclusion.end(transaction, outcome))
                .invoke(conclusion::committed)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("the API job [uuid:%s] was not ended here: %s", jobUuid, e.toString());
                    conclusion.notEnded(e);
                    waiters.ended(jobUuid, null);
                    return null;
                });
    }

    private Duration timeoutOf(String header) {
        if (header == null || header.isBlank()) {
            return config.defaultTimeout();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            if (seconds > 0 && seconds <= config.maxTimeout().toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("the header [" + Call.API_TIMEOUT + "] must be a whole number of seconds from "
                + "1 to " + config.maxTimeout().toSeconds() + ", not [" + header + "]");
    }

}
