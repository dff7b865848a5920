package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code login_failure}: one row per key (account, address), with the account or the address {@code ''} for the
 * wider keys. Every method is one statement on the pool, timed by the database's clock.
 */
@ApplicationScoped
public class LoginFailureRepository {
    private static final String LOCKS = "SELECT account_name, address, failures, "
            + "CEIL(EXTRACT(EPOCH FROM last_failure - now()) + $3)::bigint AS locked_for FROM login_failure "
            + "WHERE (account_name, address) IN (($1, $2), ($1, ''), ('', $2))";
    private static final String RECORD = "INSERT INTO login_failure AS f "
            + "(account_name, address, failures, window_start, last_failure) "
            + "SELECT n, a, 1, now(), now() FROM unnest($1::varchar[], $2::varchar[]) AS k(n, a) ORDER BY n, a "
            + "ON CONFLICT (account_name, address) DO UPDATE SET "
            + "failures = CASE WHEN f.window_start > now() - make_interval(secs => $3) THEN f.failures + 1 ELSE 1 END, "
            + "window_start = CASE WHEN f.window_start > now() - make_interval(secs => $3) "
            + "THEN f.window_start ELSE now() END, "
            + "last_failure = now() "
            + "RETURNING account_name, address, failures";
    private static final String FORGET = "DELETE FROM login_failure WHERE account_name = $1 AND address = $2";
    private static final String SWEEP = "DELETE FROM login_failure WHERE last_failure < now() - make_interval(secs => $1)";
    private final Pool pool;

    LoginFailureRepository(Pool pool) {
        this.pool = pool;
    }

    /** The counts of the keys (account, address), (account, '') and ('', address), with the time left of a lock. */
    Uni<List<LoginFailureCount>> countsOf(String account, String address, Duration lockout) {
        return pool.preparedQuery(LOCKS).execute(Tuple.of(account, address, (double) lockout.toSeconds()))
                .map(rows -> counts(rows, row -> row.getLong("locked_for")));
    }

    /** One more failure for each key given, a count starting again after {@code window}; the new counts. */
    Uni<List<LoginFailureCount>> record(List<String> accounts, List<String> addresses, Duration window) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(accounts.toArray(String[]::new),
                        addresses.toArray(String[]::new), (double) window.toSeconds()))
                .map(rows -> counts(rows, row -> 0L));
    }

    Uni<Void> forget(String account, String address) {
        return pool.preparedQuery(FORGET).execute(Tuple.of(account, address)).replaceWithVoid();
    }

    /** Deletes the keys whose last failure is older than {@code stale}. */
    Uni<Void> sweep(Duration stale) {
        return pool.preparedQuery(SWEEP).execute(Tuple.of((double) stale.toSeconds())).replaceWithVoid();
    }

    private static List<LoginFailureCount> counts(RowSet<Row> rows, ToLongFunction<Row> lockedFor) {
        List<LoginFailureCount> counts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            counts.add(new LoginFailureCount(row.getString("account_name"), row.getString("address"),
                    row.getInteger("failures"), lockedFor.applyAsLong(row)));
        }
        return counts;
    }
}
