package org.zstack.cp.api;

import io.netty.channel.ChannelException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/** Recognises the PostgreSQL errors that services turn into ZStack errors. */
public final class DatabaseErrors {
    /** Server shutting down, crashed, starting up, or out of connections: the database is not there to answer. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "58030");
    private static final String[] CONNECTION_WORDS = {"connection", "pool closed", "reset"};
    private DatabaseErrors() {
    }

    public static boolean isUniqueViolation(Throwable t) {
        return hasSqlState(t, "23505");
    }

    public static boolean isForeignKeyViolation(Throwable t) {
        return hasSqlState(t, "23503");
    }

    /** Class 23: the statement broke a constraint (unique, foreign key, check, not null). */
    public static boolean isConstraintViolation(Throwable t) {
        return String.valueOf(sqlState(t)).startsWith("23");
    }

    /** 22021: a text value the database cannot store, such as one holding U+0000. */
    public static boolean isUnstorableText(Throwable t) {
        return hasSqlState(t, "22021");
    }

    /** The pool had no free connection within its wait limit: the database work's deadline passed. */
    public static boolean isPoolWaitTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof VertxException
                    && String.valueOf(c.getMessage()).startsWith("Timeout waiting for connection")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure says the connection to the database failed (refused, reset, closed, the pool gone), as
     * opposed to a statement that the database refused.
     */
    public static boolean isUnavailable(Throwable t) {
        String state = String.valueOf(sqlState(t));
        if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException || c instanceof ClosedChannelException
                    || c instanceof ClosedConnectionException || c instanceof ChannelException
                    || (c instanceof VertxException || c instanceof IllegalStateException)
                    && mentionsConnection(c.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsConnection(String message) {
        String text = String.valueOf(message).toLowerCase(Locale.ROOT);
        for (String word : CONNECTION_WORDS) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSqlState(Throwable t, String state) {
        return state.equals(sqlState(t));
    }

    /**
     * The first SQL state in the failure's causes: the reactive client reports it as a {@link PgException},
     * Hibernate (at flush and commit) as a {@link SQLException}. Null when there is none.
     */
    public static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String state = c instanceof PgException pg ? pg.getSqlState()
                    : c instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return state;
            }
        }
        return null;
    }
}
