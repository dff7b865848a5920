package org.zstack.cp.db;

import org.zstack.cp.api.DatabaseErrors;

import java.util.Set;

/**
 * Recognises the PostgreSQL failures after which the same transaction may succeed when run again: a serialization
 * failure (40001) or a deadlock (40P01).
 */
public final class TransientFailures {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    private TransientFailures() {
    }

    public static boolean isSerializationFailureOrDeadlock(Throwable failure) {
        return RETRYABLE.contains(String.valueOf(DatabaseErrors.sqlState(failure)));
    }
}
