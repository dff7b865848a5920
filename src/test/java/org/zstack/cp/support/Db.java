package org.zstack.cp.support;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The test's own look at the database the service uses (only in {@code @QuarkusTest}, which shares its JVM). */
public final class Db {
    /** How long a statement of a test may take, waiting for locks included. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Db() {
    }

    private static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    public static List<Row> rows(String sql, Object... args) {
        List<Row> rows = new ArrayList<>();
        pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(LIMIT).forEach(rows::add);
        return rows;
    }

    public static long count(String sql, Object... args) {
        return rows(sql, args).get(0).getLong(0);
    }

    public static int update(String sql, Object... args) {
        return pool().preparedQuery(sql).execute(Tuple.from(args)).await().atMost(LIMIT).rowCount();
    }

    /** Holds {@code SELECT ... FOR UPDATE} on the rows {@code sql} selects until the returned handle is closed. */
    public static AutoCloseable lock(String sql, Object... args) {
        SqlConnection connection = pool().getConnection().await().atMost(LIMIT);
        Transaction tx = connection.begin().await().atMost(LIMIT);
        connection.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(LIMIT);
        return () -> {
            tx.rollback().await().atMost(LIMIT);
            connection.close().await().atMost(LIMIT);
        };
    }

    /** Waits until {@code count} sessions wait for a row lock, failing after 30 s. */
    public static void awaitLockWaiters(int count) {
        Poll.until(Duration.ofSeconds(30), count + " sessions wait for a row lock",
                () -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") >= count);
    }

    /** Every row of every table of the service, as text. */
    public static String dumpAllTables() {
        StringBuilder all = new StringBuilder();
        for (Row table : rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            String name = table.getString(0);
            for (Row row : rows("SELECT t::text FROM \"" + name + "\" t")) {
                all.append(name).append(' ').append(row.getString(0)).append('\n');
            }
        }
        return all.toString();
    }
}
