package org.zstack.cp.api;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors that services turn into ZStack errors. */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    public static boolean isUniqueViolation(Throwable t) {
        return hasSqlState(t, "23505");
    }

    public static boolean isForeignKeyViolation(Throwable t) {
        return hasSqlState(t, "23503");
    }

    /** 22021: a text value the database cannot store, such as one holding U+0000. */
    public static boolean isUnstorableText(Throwable t) {
        return hasSqlState(t, "22021");
    }

    private static boolean hasSqlState(Throwable t, String state) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PgException pg && state.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
