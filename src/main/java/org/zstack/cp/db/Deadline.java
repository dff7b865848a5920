package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.zstack.cp.api.ApiException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One piece of database work past whose deadline the client has already been answered SYS.1001. The work itself is
 * not cut off (that would leave its connection mid-protocol), but a transaction that outlives it rolls back.
 */
public final class Deadline {
    private final Duration limit;
    private volatile boolean passed;

    Deadline(Duration limit) {
        this.limit = limit;
    }

    void pass() {
        passed = true;
    }

    ApiException timeout() {
        return ApiException.timeout("the database did not answer within " + limit.toMillis() + " ms");
    }

    /**
     * The body of a transaction: refused once the deadline has passed, and flushed and checked again before the
     * commit, so that a transaction answered as timed out never commits afterwards.
     */
    <T> Uni<T> guardTransaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            check();
            return work.get();
        }).call(item -> Panache.getSession().flatMap(Mutiny.Session::flush)).invoke(item -> check());
    }

    private void check() {
        if (passed) {
            throw timeout();
        }
    }
}
