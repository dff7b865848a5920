package org.zstack.cp.support;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The test's own look at the database the service uses (only in {@code @QuarkusTest}, which shares its JVM). */
public final class Db {
    private Db() {
    }

    private static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    public static List<Row> rows(String sql, Object... args) {
        List<Row> rows = new ArrayList<>();
        pool().preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    public static long count(String sql, Object... args) {
        return rows(sql, args).get(0).getLong(0);
    }

    public static int update(String sql, Object... args) {
        return pool().preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().rowCount();
    }

    /** Holds {@code SELECT ... FOR UPDATE} on the rows {@code sql} selects until the returned handle is closed. */
    public static AutoCloseable lock(String sql, Object... args) {
        SqlConnection connection = pool().getConnection().await().indefinitely();
        Transaction tx = connection.begin().await().indefinitely();
        connection.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
        return () -> {
            tx.rollback().await().indefinitely();
            connection.close().await().indefinitely();
        };
    }

    /** Waits until {@code count} sessions of the service wait for a row lock. */
    public static void awaitLockWaiters(int count) throws InterruptedException {
        while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") < count) {
            Thread.sleep(20);
        }
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
