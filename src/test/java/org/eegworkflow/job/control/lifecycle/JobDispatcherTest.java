package org.eegworkflow.job.control.lifecycle;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.PersistenceException;

import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher's bookkeeping when the database goes away: nothing is lost from the line, nothing runs twice. */
class JobDispatcherTest {
    private final List<Long> launched = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private boolean databaseDown;
    private JobDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        dispatcher = new JobDispatcher();
        dispatcher.settings = new Settings();
        dispatcher.launcher = new JobLauncher() {
            @Override
            public long launch(long jobRowId) {
                if (databaseDown) {
                    throw new PersistenceException(new SQLException("refused", "08001"));
                }
                launched.add(jobRowId);
                return 100 + jobRowId;
            }
        };
        dispatcher.retry = new DatabaseRetry() {
            @Override
            public void later(Runnable task, Duration delay) {
                later.add(task);
            }
        };
    }

    /** Fills the server's places (4 by default) with jobs of other owners. */
    private void fill() {
        for (long id = 1; id <= 4; id++) {
            assertTrue(dispatcher.admit(id, 1000 + id, 100 + id));
        }
    }

    @Test
    void aWaitingJobWhoseStartFailsWhileTheDatabaseIsDownKeepsItsPlaceInLine() {
        fill();
        assertFalse(dispatcher.admit(10, 7, 110), "no place: it waits");
        databaseDown = true;
        dispatcher.release(1);
        assertTrue(launched.isEmpty());
        assertFalse(dispatcher.isRunning(10));
        assertEquals(1, later.size(), "another try is scheduled");

        databaseDown = false;
        later.remove(0).run();
        assertEquals(List.of(10L), launched, "started once the database is back");
        assertTrue(dispatcher.isRunning(10));
    }

    @Test
    void aSecondExecutionOfAnAdmittedJobRunsNothing() {
        assertTrue(dispatcher.admit(5, 7, 105));
        assertTrue(dispatcher.admit(5, 7, 105), "the same execution asking again");
        assertFalse(dispatcher.admit(5, 7, 205), "another execution of the same job");
        assertTrue(dispatcher.isAdmitted(5, 105));
        assertFalse(dispatcher.isAdmitted(5, 205));
    }

    @Test
    void aJobIsEndedOnceWhoeverNoticesItsEnd() {
        assertTrue(dispatcher.admit(5, 7, 105));
        assertTrue(dispatcher.claim(5), "the reducer");
        assertFalse(dispatcher.claim(5), "the listener or the watchdog after it");
        dispatcher.release(5);
        assertTrue(dispatcher.wasEnded(105), "the listener of that execution leaves the job alone");
        assertFalse(dispatcher.wasEnded(105));
        assertFalse(dispatcher.claim(5), "not running any more");
    }

    @Test
    void aRequeuedJobWaitsAndStartsAgainLater() {
        assertTrue(dispatcher.admit(5, 7, 105));
        assertTrue(dispatcher.requeue(5));
        assertFalse(dispatcher.isRunning(5));
        assertEquals(1, later.size());
        later.remove(0).run();
        assertEquals(List.of(5L), launched);
        assertTrue(dispatcher.admit(5, 7, 205), "the new execution holds the reserved place");
        assertFalse(dispatcher.requeue(99), "a job that is not running here");
    }

    @Test
    void aLostRunIsRunAgainOnlyAFewTimes() {
        assertTrue(dispatcher.mayRunAgain(5));
        assertTrue(dispatcher.mayRunAgain(5));
        assertTrue(dispatcher.mayRunAgain(5));
        assertFalse(dispatcher.mayRunAgain(5));
    }
}
