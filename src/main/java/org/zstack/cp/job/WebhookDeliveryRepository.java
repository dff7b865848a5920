package org.zstack.cp.job;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.db.DatabaseDeadline;
import org.zstack.cp.db.TransactionSql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of {@code webhook_delivery}. Every time is the database's, so that replicas with skewed clocks agree on
 * what is due. The statements after a claim change the row only if it still carries that claim's attempt number.
 */
@ApplicationScoped
class WebhookDeliveryRepository {
    private static final String INSERT = "INSERT INTO webhook_delivery (job_uuid, url, success, body) "
            + "VALUES ($1, $2, $3, $4)";
    private static final String CLAIM = "UPDATE webhook_delivery d SET attempts = d.attempts + 1, "
            + "lease_until = now() + $2 * interval '1 millisecond' WHERE d.id IN (SELECT id FROM webhook_delivery "
            + "WHERE state = 'PENDING' AND attempts < $3 AND next_attempt_at <= now() "
            + "AND (lease_until IS NULL OR lease_until <= now()) AND receiver <> ALL($4) "
            + "ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
            + "RETURNING d.id, d.job_uuid, d.url, d.receiver, d.success, d.body, d.attempts";
    /** Gives a claim back without counting it as an attempt. */
    private static final String RELEASE = "UPDATE webhook_delivery SET lease_until = NULL, attempts = attempts - 1 "
            + "WHERE id = $1 AND attempts = $2 AND state = 'PENDING'";
    private static final String DELIVERED = "DELETE FROM webhook_delivery WHERE id = $1 AND attempts = $2";
    private static final String RETRY = "UPDATE webhook_delivery SET lease_until = NULL, "
            + "next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4 "
            + "WHERE id = $1 AND attempts = $2 AND state = 'PENDING'";
    private static final String GIVE_UP = "UPDATE webhook_delivery SET state = 'FAILED', lease_until = NULL, "
            + "last_error = $3 WHERE id = $1 AND attempts = $2 AND state = 'PENDING'";
    /** Deliveries whose last attempt was claimed by a replica that never recorded its outcome. */
    private static final String GIVE_UP_ABANDONED = "UPDATE webhook_delivery SET state = 'FAILED', "
            + "lease_until = NULL, last_error = left(COALESCE(last_error || '; ', '') || 'the last attempt never ended', "
            + "512) "
            + "WHERE state = 'PENDING' AND attempts >= $1 AND lease_until <= now() RETURNING job_uuid, attempts";
    private static final int MAX_ERROR_LENGTH = 512;
    private final Pool pool;
    private final DatabaseDeadline deadlines;

    WebhookDeliveryRepository(Pool pool, DatabaseDeadline deadlines) {
        this.pool = pool;
        this.deadlines = deadlines;
    }

    /** A delivery claimed for one attempt, the {@code attempt}-th. */
    record Claimed(long id, String jobUuid, String url, String receiver, boolean success, String body,
                   int attempt) {
    }

    /** Adds a delivery, due now, in the transaction given. */
    Uni<Void> add(TransactionSql transaction, String jobUuid, String url, boolean success, String body) {
        return transaction.update(INSERT, jobUuid, url, success, body).replaceWithVoid();
    }

    /**
     * Up to {@code limit} due deliveries to receivers other than {@code busy}, each leased to the caller for
     * {@code lease} and its attempt counted.
     */
    Uni<List<Claimed>> claim(int limit, Duration lease, int maxAttempts, Collection<String> busy) {
        return deadlines.statement(() -> pool.preparedQuery(CLAIM)
                .execute(Tuple.of(limit, lease.toMillis(), maxAttempts, busy.toArray(new String[0])))).map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getString("job_uuid"), r.getString("url"),
                                r.getString("receiver"), r.getBoolean("success"), r.getString("body"),
                                r.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    Uni<Void> release(Claimed delivery) {
        return run(RELEASE, Tuple.of(delivery.id(), delivery.attempt()));
    }

    Uni<Void> delivered(Claimed delivery) {
        return run(DELIVERED, Tuple.of(delivery.id(), delivery.attempt()));
    }

    Uni<Void> retryAfter(Claimed delivery, Duration wait, String error) {
        return run(RETRY, Tuple.of(delivery.id(), delivery.attempt(), wait.toMillis(), cut(error)));
    }

    Uni<Void> giveUp(Claimed delivery, String error) {
        return run(GIVE_UP, Tuple.of(delivery.id(), delivery.attempt(), cut(error)));
    }

    /** Gives up the deliveries whose last attempt was lost with its replica; answers their job UUIDs. */
    Uni<List<String>> giveUpAbandoned(int maxAttempts) {
        return deadlines.statement(() -> pool.preparedQuery(GIVE_UP_ABANDONED).execute(Tuple.of(maxAttempts)))
                .map(rows -> {
                    List<String> jobs = new ArrayList<>();
                    rows.forEach(r -> jobs.add(r.getString("job_uuid")));
                    return jobs;
                });
    }

    private Uni<Void> run(String sql, Tuple args) {
        return deadlines.statement(() -> pool.preparedQuery(sql).execute(args)).replaceWithVoid();
    }

    private static String cut(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
