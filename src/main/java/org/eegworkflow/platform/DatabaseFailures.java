package org.eegworkflow.platform;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import jakarta.transaction.SystemException;

/**
 * Tells a database that cannot be reached from every other failure, whichever stack raised it. Each stack wraps the
 * driver's exception differently (Hibernate's JDBCConnectionException, EclipseLink's DatabaseException, the
 * connector's ResourceException when the pool cannot make a connection, JTA rollbacks, EJB and CDI wrappers), but
 * underneath there is a {@code java.sql} exception, a connector exception or the transaction manager's
 * SystemException; so the whole chain of causes (and suppressed and next exceptions) is searched for those, by type
 * and SQLState, never by vendor class.
 */
public final class DatabaseFailures {
    /** What a client reads while the database is away. */
    public static final String UNAVAILABLE = "the database is unavailable; try again shortly";

    /** Seconds a client is told to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** What a client reads when the database refused a character of its text. */
    public static final String UNSTORABLE_TEXT = "the request contains a character the database cannot store or"
            + " search for (for example a NUL, \\u0000); remove it";

    private static final int MAX_DEPTH = 64;

    /** The connector API's exception: a pool that cannot hand out a connection. Named, not imported (Web Profile). */
    private static final String RESOURCE_EXCEPTION = "jakarta.resource.ResourceException";

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, or anything it wraps, says the database cannot be reached right now. */
    public static boolean isUnavailable(Throwable failure) {
        return anyInChain(failure, DatabaseFailures::isConnectionFailure);
    }

    /**
     * Whether the database refused a character of a value the client sent: SQLState 22021 (character not in
     * repertoire, SQL standard; PostgreSQL's answer to a NUL in a text parameter) or PostgreSQL's 22P05
     * (untranslatable character). Client input, so a 400, not a 500.
     */
    public static boolean isUnstorableText(Throwable failure) {
        return anyInChain(failure, t -> t instanceof SQLException sql
                && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState())));
    }

    /**
     * Whether the database refused a row for breaking a unique key or another integrity constraint (SQLState class
     * 23): for the app, a concurrent request stored the same thing first (an email, a module version).
     */
    public static boolean isConstraintViolation(Throwable failure) {
        return anyInChain(failure, t -> t instanceof SQLIntegrityConstraintViolationException
                || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23"));
    }

    private static boolean anyInChain(Throwable failure, java.util.function.Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty() && seen.size() < MAX_DEPTH) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.add(suppressed);
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
            return true;
        }
        // the transaction manager could not use a connection: Payara, when a connection that broke during an outage
        // is enlisted after it, logs the connector's exception and throws only this (the cause is not chained)
        if (t instanceof SystemException) {
            return true;
        }
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(RESOURCE_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLStates of a lost or refused connection: class 08 (connection exception, SQL standard), PostgreSQL's 57P01
     * to 57P03 (the server is shutting down, crashed, or not accepting connections yet) and 53300 (too many
     * connections, as during a restart's recovery).
     */
    static boolean isConnectionState(String state) {
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300");
    }
}
