package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

/**
 * Locks a row that the transaction has already read and reads it again under the lock, so that a check or a
 * whole-row write after it never works from a value another transaction has since changed.
 */
public final class RowLocks {
    private RowLocks() {
    }

    /**
     * The row of {@code entity}, read again under the lock, as the instance this session now manages (the caller
     * goes on with the returned instance); null when the row is gone. The old instance is detached first and the row
     * loaded with its lock in one statement: a refresh would do the same, but Hibernate Reactive's refresh logs
     * HHH90000034 ("refreshing/locking detached entities") on every call.
     */
    @SuppressWarnings("unchecked")
    public static <E> Uni<E> lockAndRefresh(E entity, Object id, LockModeType mode) {
        return Panache.getSession().flatMap(session -> {
            if (session.contains(entity)) {
                session.detach(entity);
            }
            return session.find((Class<E>) entity.getClass(), id, mode);
        });
    }
}
