package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@QuarkusTest
class TransactionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @Inject
    Transactions transactions;
    @Inject
    RetryConfig config;

    private static Uni<String> failingTimes(AtomicInteger attempts, int failures, String sqlState) {
        return Uni.createFrom().deferred(() -> attempts.incrementAndGet() <= failures
                ? Uni.createFrom().failure(new RuntimeException(new SQLException("aborted", sqlState)))
                : Uni.createFrom().item("done"));
    }

    @Test
    void deadlocksAndSerializationFailuresAreRetriedUntilTheWorkSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(transactions.retrying(() -> failingTimes(attempts, 1, "40P01")).await().atMost(WAIT))
                .isEqualTo("done");
        assertThat(attempts).hasValue(2);
        attempts.set(0);
        assertThat(transactions.retrying(() -> failingTimes(attempts, config.attempts(), "40001")).await().atMost(WAIT))
                .isEqualTo("done");
        assertThat(attempts).hasValue(config.attempts() + 1);
    }

    @Test
    void afterTheLastRetryTheAnswerIs503Sys1000() {
        AtomicInteger attempts = new AtomicInteger();
        Throwable failure = catchThrowable(() -> transactions.retrying(() -> failingTimes(attempts, 100, "40P01"))
                .await().atMost(WAIT));
        assertThat(failure).isInstanceOf(ApiException.class);
        assertThat(((ApiException) failure).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(((ApiException) failure).status()).isEqualTo(503);
        assertThat(attempts).hasValue(config.attempts() + 1);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Throwable failure = catchThrowable(() -> transactions.retrying(() -> failingTimes(attempts, 100, "23505"))
                .await().atMost(WAIT));
        assertThat(failure).hasRootCauseInstanceOf(SQLException.class);
        assertThat(attempts).hasValue(1);
    }

    /** Each attempt, and each unit of work, has a session of its own, even when started from a plain thread. */
    @Test
    void everyAttemptRunsInASessionOfItsOwn() {
        List<Object> sessions = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        String result = transactions.withTransaction(() -> Panache.getSession().flatMap(session -> {
            sessions.add(session);
            return session.createNativeQuery("SELECT 'ok'").getSingleResult().map(String::valueOf)
                    .flatMap(ok -> attempts.incrementAndGet() == 1
                            ? Uni.createFrom().failure(new SQLException("deadlock detected", "40P01"))
                            : Uni.createFrom().item(ok));
        })).await().atMost(WAIT);
        assertThat(result).isEqualTo("ok");
        assertThat(sessions).hasSize(2).doesNotHaveDuplicates();
        Object outer = transactions.withSession(() -> Panache.getSession().map(Object.class::cast)).await().atMost(WAIT);
        assertThat(sessions).doesNotContain(outer);
    }
}
