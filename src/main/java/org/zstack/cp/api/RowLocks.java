package org.zstack.cp.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

/**
 * Locks a row that the transaction has already read and re-reads it under the lock, so that a check or a
 * whole-row write after it never works from a value another transaction has since changed.
 */
public final class RowLocks {
    private RowLocks() {
    }

    public static <E> Uni<E> lockAndRefresh(E entity, LockModeType mode) {
        return Panache.getSession().flatMap(session -> session.refresh(entity, mode)).replaceWith(entity);
    }
}
