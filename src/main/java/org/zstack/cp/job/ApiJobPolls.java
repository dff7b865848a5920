package org.zstack.cp.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;
import org.zstack.cp.api.Uuids;
import org.zstack.cp.db.Transactions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The polls of API jobs ({@code GET /zstack/v1/api-jobs/{uuid}}): each waits up to
 * {@link ApiJobConfig#pollWait()} for the job's end. A job of this replica hands its poll the end it committed; a
 * job of another replica is re-read; a job past its deadline is failed here, whichever replica ran it.
 */
@ApplicationScoped
public class ApiJobPolls {
    private static final Map<String, Object> STILL_RUNNING = Map.of();
    private final ApiJobRepository jobs;
    private final JobResults results;
    private final JobWaiters waiters;
    private final Transactions transactions;
    private final ApiJobConfig config;
    private final MeterRegistry metrics;
    private final Timer pollWaits;

    public ApiJobPolls(ApiJobRepository jobs, JobResults results, JobWaiters waiters, Transactions transactions,
                       ApiJobConfig config, MeterRegistry metrics) {
        this.jobs = jobs;
        this.results = results;
        this.waiters = waiters;
        this.transactions = transactions;
        this.config = config;
        this.metrics = metrics;
        this.pollWaits = Timer.builder("zstack.api.jobs.poll.waits")
                .description("How long polls of running jobs waited for their end").register(metrics);
    }

    /** The job's answer for its account: its end, or 202 once it has not ended within the poll's wait. */
    public Uni<Response> poll(String jobUuid, String accountUuid) {
        if (!Uuids.isValid(jobUuid)) {
            return Uni.createFrom().failure(unknown(jobUuid));
        }
        JobWaiters.Local here = waiters.local(jobUuid);
        if (here != null && here.job.accountUuid().equals(accountUuid)) {
            Timer.Sample sample = Timer.start(metrics);
            return waiters.awaitLocal(here, config.pollWait()).flatMap(v -> {
                sample.stop(pollWaits);
                JobWaiters.Ended ended = here.ended;
                if (ended != null) {
                    waiters.answered(here);
                    return Uni.createFrom().item(answer(ended.status(), ended.body()));
                }
                return here.done ? jobs.find(jobUuid).flatMap(row -> answer(jobUuid, accountUuid, row, true))
                        : Uni.createFrom().item(running());
            });
        }
        return jobs.find(jobUuid).flatMap(row -> answer(jobUuid, accountUuid, row, false));
    }

    private Uni<Response> answer(String jobUuid, String accountUuid, ApiJobRow row, boolean waited) {
        Instant now = Instant.now();
        if (row == null || !row.accountUuid().equals(accountUuid)
                || (row.finished() && row.finishedAt().plus(config.retention()).isBefore(now))) {
            return Uni.createFrom().failure(unknown(jobUuid));
        }
        if (row.finished()) {
            return Uni.createFrom().item(answer(row.resultStatus(), row.resultBody()));
        }
        if (!row.deadlineAt().isAfter(now)) {
            return transactions.withTransaction(() -> results.failOverdue(jobUuid, 1))
                    .invoke(results::overdueCommitted)
                    .flatMap(ended -> jobs.find(jobUuid))
                    .flatMap(again -> again != null && !again.finished()
                            ? Uni.createFrom().item(running()) : answer(jobUuid, accountUuid, again, true));
        }
        if (waited) {
            return Uni.createFrom().item(running());
        }
        Duration wait = config.pollWait();
        Duration untilDeadline = Duration.between(now, row.deadlineAt());
        Timer.Sample sample = Timer.start(metrics);
        return waiters.awaitRemote(untilDeadline.compareTo(wait) < 0 ? untilDeadline : wait, row,
                        () -> jobs.find(jobUuid))
                .invoke(() -> sample.stop(pollWaits))
                .flatMap(again -> answer(jobUuid, accountUuid, again, true));
    }

    private static Response answer(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static Response running() {
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE).entity(STILL_RUNNING).build();
    }

    private static ApiException unknown(String jobUuid) {
        return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, 404, "no API job [uuid:" + jobUuid + "] of this "
                + "account is known: it never existed, belongs to another account, or has expired", null);
    }
}
