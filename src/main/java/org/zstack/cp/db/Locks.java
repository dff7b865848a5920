package org.zstack.cp.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Row locks taken by SQL in the current session's transaction, so that the lock and its order are exactly what
 * the code says (Hibernate's own pessimistic lock of an entity with a secondary table locks one table or the other,
 * after reading it). Table names are constants of the caller, never input.
 */
public final class Locks {
    public enum Mode {
        /** For writers that change no key: does not block inserts of rows that reference this one. */
        NO_KEY_UPDATE("FOR NO KEY UPDATE"),
        SHARE("FOR SHARE");

        private final String sql;

        Mode(String sql) {
            this.sql = sql;
        }
    }

    private Locks() {
    }

    /** Locks the row of {@code table} with the primary key {@code uuid}; false when there is no such row. */
    public static Uni<Boolean> lock(String table, String uuid, Mode mode) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT uuid FROM " + table + " WHERE uuid = :uuid " + mode.sql)
                .setParameter("uuid", uuid)
                .getResultList()
                .map(rows -> !rows.isEmpty()));
    }
}
