package org.zstack.cp.db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Puts the deadline of {@link DatabaseConfig#timeout()} on database work. {@link Transactions} uses it for every
 * transaction and session, {@link #statement} goes around a statement sent straight to the pool, and methods
 * annotated {@code @WithTransaction} or {@code @WithSession} get it from {@link TransactionDeadlineInterceptor} and
 * {@link SessionDeadlineInterceptor}.
 */
@Singleton
public class DatabaseDeadline {
    private final Vertx vertx;
    private final DatabaseConfig config;

    public DatabaseDeadline(Vertx vertx, DatabaseConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public <T> Uni<T> statement(Supplier<Uni<T>> work) {
        return within(deadline -> work.get());
    }

    /**
     * Answers the work's outcome, or SYS.1001 once the deadline passes. The work goes on after that (it is never
     * cancelled, so its connection goes back to the pool in a clean state once the database answers again).
     */
    <T> Uni<T> within(Function<Deadline, Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Deadline deadline = new Deadline(config.timeout());
            long timer = vertx.setTimer(Math.max(1, config.timeout().toMillis()), id -> {
                deadline.pass();
                emitter.fail(deadline.timeout());
            });
            Uni<T> started;
            try {
                started = work.apply(deadline);
            } catch (RuntimeException e) {
                vertx.cancelTimer(timer);
                emitter.fail(e);
                return;
            }
            started.subscribe().with(item -> {
                vertx.cancelTimer(timer);
                emitter.complete(item);
            }, failure -> {
                vertx.cancelTimer(timer);
                emitter.fail(failure);
            });
        });
    }
}
