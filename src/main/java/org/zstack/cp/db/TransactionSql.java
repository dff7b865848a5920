package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Runs a statement in the transaction at hand, whichever kind it is: the current Panache session's, or a
 * connection of the pool. The statement is written once, with PostgreSQL's {@code $1, $2, ...} placeholders.
 */
@FunctionalInterface
public interface TransactionSql {
    Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    /** How many rows the statement changed. */
    Uni<Integer> update(String sql, Object... args);

    /** In the transaction of the current Panache session. */
    static TransactionSql panache() {
        return (sql, args) -> Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(PLACEHOLDER.matcher(sql).replaceAll("?$1"));
            for (int i = 0; i < args.length; i++) {
                query.setParameter(i + 1, args[i]);
            }
            return query.executeUpdate();
        });
    }

    /** On a connection that is in a transaction (or a pool, for a statement that is one by itself). */
    static TransactionSql on(SqlClient client) {
        return (sql, args) -> client.preparedQuery(sql).execute(Tuple.from(Arrays.asList(args)))
                .map(rows -> rows.rowCount());
    }
}
