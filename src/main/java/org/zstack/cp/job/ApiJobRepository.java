package org.zstack.cp.job;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.db.TransactionSql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The SQL of {@code api_job}. A job ends exactly once: every way of ending it (its result, its failure, its
 * deadline passing) is one UPDATE of a Running row, and the first to commit wins.
 */
@ApplicationScoped
public class ApiJobRepository {
    private static final String COLUMNS = "uuid, account_uuid, request_hash, state, result_status, result_body, "
            + "deadline_at, finished_at";
    private static final String FINISH = "UPDATE api_job SET state = $2, result_status = $3, "
            + "result_body = $4, finished_at = clock_timestamp() "
            + "WHERE uuid = $1 AND state = 'Running' AND deadline_at > clock_timestamp()";
    private final Pool pool;
    private final DatabaseDeadline deadlines;

    public ApiJobRepository(Pool pool, DatabaseDeadline deadlines) {
        this.pool = pool;
        this.deadlines = deadlines;
    }

    /** The new job, Running; false when a job of that UUID exists already. */
    Uni<Boolean> insertRunning(RunningJob job) {
        return deadlines.statement(() -> pool.preparedQuery("INSERT INTO api_job (uuid, account_uuid, request_hash, "
                        + "request_line, state, web_hook, with_schema, deadline_at) VALUES ($1, $2, $3, $4, 'Running', "
                        + "$5, $6, clock_timestamp() + $7 * interval '1 millisecond') ON CONFLICT (uuid) DO NOTHING")
                .execute(Tuple.tuple().addString(job.uuid()).addString(job.accountUuid()).addString(job.requestHash())
                        .addString(job.requestLine()).addString(job.webHook()).addBoolean(job.withSchema())
                        .addLong(job.timeout().toMillis())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * The job, ended already, in the transaction given: for a job that did nothing outside the database, whose row
     * is written once, with its end. False when a job of that UUID exists already, and then nothing may change.
     */
    Uni<Boolean> insertEnded(TransactionSql transaction, RunningJob job, JobState state, int status, String body) {
        return transaction.update("INSERT INTO api_job (uuid, account_uuid, request_hash, request_line, state, "
                        + "web_hook, with_schema, deadline_at, result_status, result_body, finished_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp()) "
                        + "ON CONFLICT (uuid) DO NOTHING", job.uuid(), job.accountUuid(), job.requestHash(),
                        job.requestLine(), state.name(), job.webHook(), job.withSchema(),
                        job.deadline().atOffset(ZoneOffset.UTC), status, body)
                .map(inserted -> inserted == 1);
    }

    Uni<ApiJobRow> find(String uuid) {
        return deadlines.statement(() -> pool.preparedQuery("SELECT " + COLUMNS + " FROM api_job WHERE uuid = $1")
                        .execute(Tuple.of(uuid)))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? row(it.next()) : null;
                });
    }

    /**
     * Ends a Running job whose deadline has not passed, in the transaction given; false when the job has ended
     * already or its deadline has passed, and then nothing may change.
     */
    Uni<Boolean> finish(TransactionSql transaction, String uuid, JobState state, int status, String body) {
        return transaction.update(FINISH, uuid, state.name(), status, body).map(updated -> updated == 1);
    }

    /** Fails the job if it is still Running past its deadline, in the current Panache transaction. */
    Uni<List<FinishedJob>> failIfOverdueInTransaction(String uuid, int status, String body) {
        return failOverdue("uuid = :uuid", status, body, query -> query.setParameter("uuid", uuid));
    }

    /** Fails up to {@code limit} Running jobs past their deadline, in the current Panache transaction. */
    Uni<List<FinishedJob>> failOverdueInTransaction(int status, String body, int limit) {
        return failOverdue("uuid IN (SELECT uuid FROM api_job WHERE state = 'Running' "
                + "AND deadline_at <= clock_timestamp() LIMIT :limit FOR UPDATE SKIP LOCKED)", status, body,
                query -> query.setParameter("limit", limit));
    }

    private Uni<List<FinishedJob>> failOverdue(String which, int status, String body,
                                               UnaryOperator<Mutiny.SelectionQuery<Object[]>> bind) {
        return Panache.getSession().flatMap(session -> bind.apply(session.createNativeQuery("UPDATE api_job SET "
                                + "state = 'Failed', result_status = :status, result_body = :body, "
                                + "finished_at = clock_timestamp() WHERE " + which + " AND state = 'Running' "
                                + "AND deadline_at <= clock_timestamp() RETURNING uuid, web_hook", Object[].class)
                        .setParameter("status", status)
                        .setParameter("body", body))
                .getResultList())
                .map(rows -> {
                    List<FinishedJob> ended = new ArrayList<>();
                    for (Object[] r : rows) {
                        ended.add(new FinishedJob((String) r[0], (String) r[1]));
                    }
                    return ended;
                });
    }

    /** Deletes up to {@code limit} jobs that finished before {@code before}; how many. */
    Uni<Integer> deleteFinishedBefore(Instant before, int limit) {
        return deadlines.statement(() -> pool.preparedQuery("DELETE FROM api_job WHERE uuid IN (SELECT uuid FROM "
                        + "api_job WHERE finished_at < $1 LIMIT $2)")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), limit)))
                .map(rows -> rows.rowCount());
    }

    /** A job that has just ended, and the webhook to tell. */
    record FinishedJob(String uuid, String webHook) {
    }

    private static ApiJobRow row(Row r) {
        return new ApiJobRow(r.getString("uuid"), r.getString("account_uuid"), r.getString("request_hash"),
                JobState.valueOf(r.getString("state")), r.getInteger("result_status"), r.getString("result_body"),
                instant(r.getOffsetDateTime("deadline_at")), instant(r.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
