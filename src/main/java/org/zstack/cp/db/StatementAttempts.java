package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.zstack.cp.api.DatabaseErrors;

import java.util.Optional;

/** One run of the statement of {@link Transactions#writeOrExplain}: what it found, empty when it matched nothing. */
final class StatementAttempts {
    private final Transactions transactions;
    private final Pool pool;

    StatementAttempts(Transactions transactions, Pool pool) {
        this.transactions = transactions;
        this.pool = pool;
    }

    /**
     * Alone on the pool when it is a single statement outside an API job; otherwise in a transaction on a pool
     * connection, with the job's end; for validationOnly in a transaction rolled back (and the job's end after
     * it). A constraint the statement breaks (a unique name, a foreign key) counts as matching nothing.
     */
    <T> Uni<Optional<T>> attempt(Statement<T> write, boolean validationOnly) {
        return Uni.createFrom().<Optional<T>>context(context -> {
            Conclusion conclusion = context.getOrElse(Conclusion.KEY, () -> null);
            if (validationOnly) {
                Uni<Optional<T>> checked = transactions.onConnection(connection -> write.on(connection)
                        .flatMap(found -> Uni.createFrom().<Optional<T>>failure(new RolledBack(found))))
                        .onFailure(RolledBack.class).recoverWithItem(e -> ((RolledBack) e).found());
                return conclusion == null ? checked : checked.call(found -> found.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : transactions.inPoolTransaction(sql -> conclusion.succeeded(sql, null))
                                .invoke(conclusion::committed));
            }
            if (conclusion == null && write.single()) {
                return transactions.retrying(() -> transactions.statement(() -> write.on(pool)));
            }
            return transactions.onConnection(connection -> write.on(connection).call(found -> found.isEmpty()
                    || conclusion == null ? Uni.createFrom().voidItem()
                    : conclusion.succeeded(TransactionSql.on(connection), found.get())))
                    .invoke(found -> found.ifPresent(result -> {
                        if (conclusion != null) {
                            conclusion.committed();
                        }
                    }));
        }).onFailure(DatabaseErrors::isConstraintViolation).recoverWithItem(Optional.empty());
    }

    /** Rolls back a validationOnly transaction, carrying what its statement found. */
    private static final class RolledBack extends RuntimeException {
        private final transient Optional<?> found;

        RolledBack(Optional<?> found) {
            super(null, null, false, false);
            this.found = found;
        }

        @SuppressWarnings("unchecked")
        <T> Optional<T> found() {
            return (Optional<T>) found;
        }
    }

}
