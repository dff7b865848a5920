package org.zstack.cp.db;

import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.DatabaseErrors;
import org.zstack.cp.api.ErrorCode;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs persistence work so that no request ever sees another one's persistence state. Panache keeps its session in
 * the Vert.x context that is current when it is asked for one, so each unit of work here gets a new duplicated
 * context of its own: its session opens, is used and closes there, whatever thread a stage of the work happens to
 * complete on, and nothing it leaves behind can reach a later request. The result is handed back on the caller's
 * context. A transaction that loses a deadlock or a serialization check (40P01, 40001) is run again, in a new
 * session, up to {@link RetryConfig#attempts()} times after a short jittered wait; after that the answer is 503
 * SYS.1000. Every unit of work answers SYS.1001 once {@link DatabaseConfig#timeout()} has passed.
 */
@ApplicationScoped
public class Transactions {
    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private final Vertx vertx;
    private final RetryConfig retry;
    private final DatabaseDeadline deadlines;
    private final Pool pool;
    private final StatementAttempts attempts;

    public Transactions(Vertx vertx, RetryConfig retry, DatabaseDeadline deadlines, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
        this.retry = retry;
        this.deadlines = deadlines;
        this.attempts = new StatementAttempts(this, pool);
    }

    /**
     * The work in one transaction of its own session, under the database deadline (each attempt gets its own), and
     * retried as a whole after a deadlock. A transaction whose deadline has passed rolls back.
     */
    public <T> Uni<T> withTransaction(Supplier<Uni<T>> work) {
        return retrying(() -> deadlines.within(deadline -> isolated(() -> Panache.withTransaction(
                () -> deadline.guardTransaction(() -> stayingHere(work))))));
    }

    /**
     * The transaction that concludes an operation: when the operation runs as an API job, the job's result is
     * written in this same transaction, so that the job is never done without its rows nor the rows changed
     * without the job's result. Otherwise it is {@link #withTransaction}.
     */
    public <T> Uni<T> concluding(Supplier<Uni<T>> work) {
        return Uni.createFrom().context(context -> {
            Conclusion conclusion = context.getOrElse(Conclusion.KEY, () -> null);
            if (conclusion == null) {
                return withTransaction(work);
            }
            return this.<T>withTransaction(() -> work.get()
                            .call(result -> conclusion.succeeded(TransactionSql.panache(), result)))
                    .invoke(conclusion::committed);
        });
    }

    /**
     * Commits the work and then fails with the failure: for an operation that records what went wrong (a backup
     * storage now Disconnected) and answers the error. An API job's result, the failure, commits with those rows.
     */
    public <T> Uni<T> concludingWithFailure(Throwable failure, Supplier<Uni<?>> work) {
        return Uni.createFrom().<T>context(context -> {
            Conclusion conclusion = context.getOrElse(Conclusion.KEY, () -> null);
            Uni<Object> committed = conclusion == null ? withTransaction(() -> work.get().map(v -> (Object) v))
                    : this.<Object>withTransaction(() -> work.get().map(v -> (Object) v)
                            .call(v -> conclusion.failed(TransactionSql.panache(), failure)))
                    .invoke(conclusion::committed);
            return committed.flatMap(v -> Uni.createFrom().<T>failure(failure));
        });
    }

    /** {@link #writeOrExplain(Statement, boolean, Supplier)} of a request that is not validationOnly. */
    public <T> Uni<T> writeOrExplain(Statement<T> write, Supplier<Uni<Void>> explain) {
        return writeOrExplain(write, false, explain);
    }

    /**
     * An update as the one statement that does it where every rule holds; the statement is the only writer. When
     * it matches nothing or breaks a constraint, {@code explain} reads (in a session, without writing) which rule
     * fails and fails with its error, in the documented order; when it finds none (a concurrent change made the
     * update possible meanwhile), the statement runs once more, and if it matches nothing again the answer is the
     * explanation's error or 503 SYS.1000. The plain statement is one round trip on the pool; a statement with
     * more writes ({@link Statement#then}) or in an API job (whose end commits with it) runs in one transaction
     * on a pool connection. {@code validationOnly}: the statement runs in a transaction that is rolled back, so
     * that the statement checks every rule and nothing changes; the answer is then null.
     */
    public <T> Uni<T> writeOrExplain(Statement<T> write, boolean validationOnly, Supplier<Uni<Void>> explain) {
        return attempts.attempt(write, validationOnly).flatMap(found -> found.isPresent()
                ? Uni.createFrom().item(found)
                : withSession(explain).flatMap(v -> attempts.attempt(write, validationOnly))
                        .flatMap(again -> again.isPresent() ? Uni.createFrom().item(again)
                                : withSession(explain).map(v -> {
                                    throw new ApiException(ErrorCode.INTERNAL, 503, "a concurrent change kept "
                                            + "the update from matching; nothing was changed, try again", null);
                                })))
                .map(result -> validationOnly ? null : result.get());
    }

    /**
     * Work of plain statements in one transaction on a connection of the pool, without a Panache session, under
     * the database deadline and retried as a whole after a deadlock.
     */
    public <T> Uni<T> inPoolTransaction(Function<TransactionSql, Uni<T>> work) {
        return onConnection(connection -> work.apply(TransactionSql.on(connection)));
    }

    /** One statement on the pool under the database deadline (a transaction by itself). */
    <T> Uni<T> statement(Supplier<Uni<T>> work) {
        return deadlines.statement(work);
    }

    <T> Uni<T> onConnection(Function<io.vertx.mutiny.sqlclient.SqlConnection, Uni<T>> work) {
        return retrying(() -> deadlines.statement(() -> pool.withTransaction(work)));
    }

    /** The work in a session of its own, without a transaction (reads), under the database deadline. */
    public <T> Uni<T> withSession(Supplier<Uni<T>> work) {
        return deadlines.within(deadline -> isolated(() -> Panache.withSession(() -> stayingHere(work))));
    }

    /**
     * Retries work that is a transaction by itself (one statement on the pool, or {@link #withTransaction}). The
     * waits run on the caller's context.
     */
    public <T> Uni<T> retrying(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> attempt(Vertx.currentContext(), work, 0));
    }

    private <T> Uni<T> attempt(Context caller, Supplier<Uni<T>> work, int retried) {
        return Uni.createFrom().deferred(work::get)
                .onFailure(TransientFailures::isSerializationFailureOrDeadlock).recoverWithUni(failure -> {
                    if (retried >= retry.attempts()) {
                        LOG.warnf("a transaction still failed after %d retries: %s", retried, failure.toString());
                        return Uni.createFrom().failure(new ApiException(ErrorCode.INTERNAL, 503,
                                "the database aborted the transaction because of concurrent updates of the same "
                                        + "rows (deadlock or serialization failure), " + (retried + 1)
                                        + " times; nothing was changed, try again", null));
                    }
                    Duration wait = backoff(retried);
                    LOG.debugf("retrying a transaction in %d ms after: %s", wait.toMillis(), failure.toString());
                    return sleep(caller, wait).flatMap(v -> attempt(caller, work, retried + 1));
                });
    }

    /** Up to {@code backoff * 2^retried}, at least half of it. */
    private Duration backoff(int retried) {
        long ceiling = Math.max(1, retry.backoff().toMillis() << Math.min(retried, 10));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private Uni<Void> sleep(Context caller, Duration wait) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(wait.toMillis(),
                id -> onContext(caller).execute(() -> emitter.complete(null))));
    }

    /**
     * Subscribes to the work on a new duplicated context, keeps every stage of it there, and delivers its outcome
     * on the caller's context. The work runs to its end even if the caller cancels, so that a transaction is never
     * cut off half way.
     */
    <T> Uni<T> isolated(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            Context own = VertxContext.createNewDuplicatedContext(caller != null ? caller : vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(own, true);
            Executor back = onContext(caller);
            io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
            own.runOnContext(v -> {
                Scope traced = trace.makeCurrent(); // the statements belong to the caller's trace
                Uni.createFrom().deferred(work::get).onTermination().invoke(traced::close)
                        .subscribe().with(item -> back.execute(() -> emitter.complete(item)),
                                failure -> back.execute(() -> emitter.fail(failure)));
            });
        });
    }

    /**
     * The work, with its outcome brought back to the context it was started on, so that the transaction ends and
     * the session closes there even when a stage of the work completes elsewhere (a timer, another client).
     */
    private static <T> Uni<T> stayingHere(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> work.get().emitOn(onContext(Vertx.currentContext())));
    }

    /** Runs a task on the context, at once when already on it; without a context, at once. */
    private static Executor onContext(Context context) {
        return task -> {
            if (context == null || Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(v -> task.run());
            }
        };
    }
}
