package org.zstack.cp.session;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.api.ApiException;
import org.zstack.cp.api.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Checks a session on the hot path with one indexed read. The sliding expiry is written only when the
 * last write is older than {@link #REFRESH_INTERVAL}, and the conditional UPDATE keeps replicas from repeating it.
 */
@ApplicationScoped
public class SessionAuthenticator {
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);
    private final Pool pool;
    private final SessionConfig config;

    public SessionAuthenticator(Pool pool, SessionConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<Void> authenticate(String sessionUuid) {
        return pool.preparedQuery("SELECT expired_date, last_op_date FROM session WHERE uuid = $1")
                .execute(Tuple.of(sessionUuid))
                .flatMap(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    Instant now = Instant.now();
                    if (!it.hasNext()) {
                        return Uni.createFrom().failure(invalid("the session [" + sessionUuid + "] is not found"));
                    }
                    Row row = it.next();
                    if (!row.getOffsetDateTime("expired_date").toInstant().isAfter(now)) {
                        return Uni.createFrom().failure(invalid("the session [" + sessionUuid + "] has expired"));
                    }
                    Instant lastWrite = row.getOffsetDateTime("last_op_date").toInstant();
                    if (lastWrite.plus(REFRESH_INTERVAL).isAfter(now)) {
                        return Uni.createFrom().voidItem();
                    }
                    return pool.preparedQuery("UPDATE session SET expired_date = $2, last_op_date = $3 "
                                    + "WHERE uuid = $1 AND last_op_date < $4")
                            .execute(Tuple.of(sessionUuid, utc(now.plus(config.timeout())), utc(now),
                                    utc(now.minus(REFRESH_INTERVAL))))
                            .replaceWithVoid();
                });
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ApiException invalid(String details) {
        return new ApiException(ErrorCode.INVALID_SESSION, details);
    }
}
