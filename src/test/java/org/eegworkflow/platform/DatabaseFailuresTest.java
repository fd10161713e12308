package org.eegworkflow.platform;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseFailuresTest {

    /** As Hibernate's JDBCConnectionException and EclipseLink's DatabaseException carry the driver's exception. */
    static final class VendorException extends RuntimeException {
        VendorException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void connectionStatesOfClass08AndPostgresShutdownsAreUnavailable() {
        for (String state : new String[] {"08000", "08001", "08003", "08006", "08S01", "57P01", "57P02", "57P03",
                "53300"}) {
            assertTrue(DatabaseFailures.isUnavailable(new SQLException("x", state)), state);
        }
    }

    @Test
    void aCharacterTheDatabaseRefusesIsTheClientsTextNotAnOutage() {
        // PostgreSQL's answer to a NUL in a text parameter, wrapped as Hibernate wraps it
        Throwable nul = new PersistenceException(new VendorException("could not execute query",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));
        assertTrue(DatabaseFailures.isUnstorableText(nul));
        assertFalse(DatabaseFailures.isUnavailable(nul));
        assertTrue(DatabaseFailures.isUnstorableText(new SQLException("untranslatable", "22P05")));
        assertFalse(DatabaseFailures.isUnstorableText(new SQLException("dup", "23505")));
        assertFalse(DatabaseFailures.isUnstorableText(new SQLException("down", "08006")));
    }

    @Test
    void otherStatesAreNot() {
        for (String state : new String[] {"23505", "42P01", "40001", "22001", "57014", "0800", "", null}) {
            assertFalse(DatabaseFailures.isUnavailable(new SQLException("x", state)), String.valueOf(state));
        }
        assertFalse(DatabaseFailures.isUnavailable(new SQLIntegrityConstraintViolationException("dup", "23505")));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("a bug")));
        assertFalse(DatabaseFailures.isUnavailable(null));
    }

    @Test
    void connectionExceptionTypesWithoutAStateAreUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("pool timed out")));
        assertTrue(DatabaseFailures.isUnavailable(new SQLRecoverableException("socket closed")));
    }

    @Test
    void hibernateStyleJpaWrapping() {
        // PersistenceException <- JDBCConnectionException <- PSQLException 08001
        Throwable failure = new PersistenceException("could not execute statement",
                new VendorException("Unable to acquire JDBC Connection", new SQLException("refused", "08001")));
        assertTrue(DatabaseFailures.isUnavailable(failure));
    }

    @Test
    void eclipseLinkStyleWrappingInsideAJtaRollbackInsideCdiTransactional() throws Exception {
        RollbackException rollback = new RollbackException("commit failed");
        rollback.initCause(new VendorException("Internal Exception: ...",
                new SQLException("terminating connection due to administrator command", "57P01")));
        Throwable failure = new TransactionalException("transaction rolled back", rollback);
        assertTrue(DatabaseFailures.isUnavailable(failure));
    }

    @Test
    void aUniqueKeyViolationIsAConstraintViolationAndNothingElseIs() {
        // H2 and PostgreSQL: SQLState 23505 under the JPA provider's wrapping
        assertTrue(DatabaseFailures.isConstraintViolation(new PersistenceException("could not execute statement",
                new VendorException("Internal Exception: ...", new SQLException("duplicate key", "23505")))));
        assertTrue(DatabaseFailures.isConstraintViolation(
                new SQLIntegrityConstraintViolationException("unique index")));
        assertFalse(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new SQLException("refused", "08001"))), "an outage is not a duplicate");
        assertFalse(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new SQLException("invalid byte sequence", "22021"))), "refused text is not a duplicate");
        assertFalse(DatabaseFailures.isConstraintViolation(new IllegalStateException("a bug")));
    }

    @Test
    void aTransactionThatCouldNotUseItsConnectionIsUnavailable() {
        // Payara after an outage: a broken connection fails to enlist; @Transactional throws this, with no SQL cause
        Throwable failure = new TransactionalException("Managed bean with Transactional annotation and TxType of"
                + " REQUIRED encountered exception during commit jakarta.transaction.SystemException",
                new SystemException());
        assertTrue(DatabaseFailures.isUnavailable(failure));
    }

    @Test
    void aPoolThatCannotMakeAConnectionIsUnavailable() {
        // WildFly: SQLException (no state) <- ResourceException IJ000453 <- ...; Payara: PoolingException is one too
        SQLException fromPool = new SQLException("IJ031019: You are trying to use a connection factory that has been"
                + " shut down");
        fromPool.initCause(new ResourceException("IJ000453: Unable to get managed connection for java:/jdbc/eegwf"));
        assertTrue(DatabaseFailures.isUnavailable(new EJBException(new PersistenceException(fromPool))));
        assertTrue(DatabaseFailures.isUnavailable(new ResourceException("subclass") {
        }));
    }

    @Test
    void nextAndSuppressedExceptionsAreSearched() {
        SQLException batch = new SQLException("batch entry 0 failed", "22000");
        batch.setNextException(new SQLException("I/O error", "08006"));
        assertTrue(DatabaseFailures.isUnavailable(new PersistenceException(batch)));

        RuntimeException rolledBack = new IllegalStateException("rollback failed");
        rolledBack.addSuppressed(new SQLRecoverableException("connection reset"));
        assertTrue(DatabaseFailures.isUnavailable(rolledBack));
    }

    @Test
    void aCyclicChainEnds() {
        RuntimeException[] other = new RuntimeException[1];
        RuntimeException a = new RuntimeException("a") {
            @Override
            public synchronized Throwable getCause() {
                return other[0];
            }
        };
        other[0] = new VendorException("b", a);
        assertFalse(DatabaseFailures.isUnavailable(a));
    }
}
