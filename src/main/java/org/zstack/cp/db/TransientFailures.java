package org.zstack.cp.db;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises the PostgreSQL failures after which the same transaction may succeed when run again: a serialization
 * failure (40001) or a deadlock (40P01). Hibernate reports them as an {@link SQLException} with the SQL state, the
 * reactive client as a {@link PgException}.
 */
public final class TransientFailures {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    private TransientFailures() {
    }

    public static boolean isSerializationFailureOrDeadlock(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String state = c instanceof PgException pg ? pg.getSqlState()
                    : c instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && RETRYABLE.contains(state)) {
                return true;
            }
        }
        return false;
    }
}
