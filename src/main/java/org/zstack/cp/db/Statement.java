package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One statement that does a whole update where every rule of the update holds; empty when it matched nothing. */
@FunctionalInterface
public interface Statement<T> {
    Uni<Optional<T>> on(SqlClient client);

    /** A statement known to match nothing (an argument no row can have), which never reaches the database. */
    static <T> Statement<T> none() {
        return client -> Uni.createFrom().item(Optional.empty());
    }

    /** Whether it is one statement alone, a transaction by itself on the pool. */
    default boolean single() {
        return true;
    }

    /** This statement with what it found turned into the answer (before an API job records it as its result). */
    default <R> Statement<R> map(Function<T, R> answer) {
        Statement<T> first = this;
        return new Statement<>() {
            @Override
            public Uni<Optional<R>> on(SqlClient client) {
                return first.on(client).map(found -> found.map(answer));
            }

            @Override
            public boolean single() {
                return first.single();
            }
        };
    }

    /**
     * This statement and, when it matched, more writes in its transaction (the tags of the request), given what
     * it found, so that the update and what comes with it commit or roll back together.
     */
    default Statement<T> then(BiFunction<TransactionSql, T, Uni<Void>> more) {
        Statement<T> first = this;
        return new Statement<>() {
            @Override
            public Uni<Optional<T>> on(SqlClient client) {
                return first.on(client).call(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : more.apply(TransactionSql.on(client), found.get()));
            }

            @Override
            public boolean single() {
                return false;
            }
        };
    }
}
