package org.zstack.cp.api;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures seen when PostgreSQL is killed under load (issue 13), as the reactive client and Hibernate Reactive
 * raise them: each one is 503 SYS.1000, never 500. A NUL that reaches the database (22021) is SYS.1007.
 */
class DatabaseFailureMappingTest {

    @Test
    void connectionLevelFailuresAre503Sys1000() {
        List<Throwable> failures = List.of(
                new SocketException("Connection reset"),
                new VertxException("Connection was closed"),
                ClosedConnectionException.INSTANCE,
                new IllegalStateException("Pool closed"),
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
                new PgException("the database system is starting up", "FATAL", "57P03", null),
                new PgException("sorry, too many clients already", "FATAL", "53300", null),
                new PgException("connection failure", "FATAL", "08006", null));
        for (Throwable failure : failures) {
            for (Throwable wrapped : List.of(failure, new HibernateException(failure),
                    new CompletionException(new HibernateException("wrapped", failure)))) {
                ApiException e = ErrorMapper.translate(wrapped);
                assertThat(e.status()).as(wrapped.toString()).isEqualTo(503);
                assertThat(e.code()).as(wrapped.toString()).isEqualTo(ErrorCode.INTERNAL);
            }
        }
    }

    @Test
    void noFreeConnectionWithinTheWaitLimitIsSys1001() {
        ApiException e = ErrorMapper.translate(new HibernateException(
                new VertxException("Timeout waiting for connection", true)));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    }

    @Test
    void aNulThatReachesTheDatabaseIsSys1007() {
        ApiException e = ErrorMapper.translate(new HibernateException(
                new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null)));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}
