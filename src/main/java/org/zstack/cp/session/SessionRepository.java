package org.zstack.cp.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.zstack.cp.db.DatabaseDeadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Sessions: Panache for login and logout; the session check's statements go straight to the pool. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<SessionEntity, String> {
    private static final String EXPIRY = "SELECT expired_date, last_op_date, account_uuid FROM session WHERE uuid = $1";
    /** Only if no replica has written the session since {@code $4}, so that replicas do not repeat it. */
    private static final String SLIDE = "UPDATE session SET expired_date = $2, last_op_date = $3 "
            + "WHERE uuid = $1 AND last_op_date < $4";
    private final Pool pool;
    private final DatabaseDeadline deadlines;

    SessionRepository(Pool pool, DatabaseDeadline deadlines) {
        this.pool = pool;
        this.deadlines = deadlines;
    }

    /** One statement on the pool, under the database deadline; null when there is no such session. */
    Uni<SessionExpiry> findExpiry(String sessionUuid) {
        return deadlines.statement(() -> pool.preparedQuery(EXPIRY).execute(Tuple.of(sessionUuid))).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new SessionExpiry(row.getString("account_uuid"), row.getOffsetDateTime("expired_date").toInstant(),
                    row.getOffsetDateTime("last_op_date").toInstant());
        });
    }

    /** Moves the expiry to {@code expiredDate}, written {@code now}, unless written since {@code writtenBefore}. */
    Uni<Void> slide(String sessionUuid, Instant expiredDate, Instant now, Instant writtenBefore) {
        return deadlines.statement(() -> pool.preparedQuery(SLIDE)
                        .execute(Tuple.of(sessionUuid, utc(expiredDate), utc(now), utc(writtenBefore))))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
