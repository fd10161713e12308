package org.eegworkflow.job.control.lifecycle;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;

import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.run.Runs;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every transition of a job, and the races the reliability tests found, without a container: the job rows are a map
 * that makes each change conditional exactly as the queries do, the batch runtime is a launcher that counts starts,
 * the clock is fixed, and the database can be taken away.
 */
class JobLifecycleTest {
    private static final String HERE = "here";
    private static final String OTHER = "other";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final MemoryJobRows rows = new MemoryJobRows();
    private final List<String> events = new ArrayList<>();
    private final List<Long> launched = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private JobDispatcher dispatcher;
    private WorkflowRuns runs;
    private JobLifecycle lifecycle;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        Settings settings = new Settings() {
            @Override
            public String node() {
                return HERE;
            }

            @Override
            public Duration databaseRetry() {
                return Duration.ofMillis(50);
            }
        };
        DatabaseRetry retry = new DatabaseRetry() {
            @Override
            public <R> R call(String what, Supplier<R> action) {
                return call(what, Duration.ofMillis(50), action);
            }

            @Override
            public void eventually(String what, Runnable write) {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    // the server tries again every few seconds; the test does when it says so
                    later.add(() -> eventually(what, write));
                }
            }

            @Override
            public void later(Runnable task, Duration delay) {
                later.add(task);
            }
        };
        JobLauncher launcher = new JobLauncher() {
            @Override
            public long launch(long rowId) {
                if (rows.downOnLaunch) {
                    // the batch runtime could not record the start: its repository is the same database
                    throw new PersistenceException(new SQLException("Connection refused", "08001"));
                }
                rows.unlessDown();
                synchronized (launched) {
                    launched.add(rowId);
                }
                return 1000 + rowId;
            }
        };
        dispatcher = Dispatchers.of(settings, launcher, retry);
        runs = Runs.runs();
        JobEvents recorder = new JobEvents() {
            @Override
            public void jobChanged(long rowId, JobStatus status, String error) {
                synchronized (events) {
                    events.add(rowId + " " + status);
                }
            }
        };
        lifecycle = Lifecycles.of(rows, dispatcher, runs, recorder, retry, settings, launcher);
        lifecycle.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    private MemoryJobRows.Row queued(long id, long owner) {
        return rows.add(id, owner, JobStatus.QUEUED, HERE);
    }

    /** A job admitted by execution {@code 100 + id} and RUNNING here. */
    private MemoryJobRows.Row running(long id) {
        MemoryJobRows.Row row = queued(id, id);
        assertEquals(JobLifecycle.Admission.RUN, lifecycle.admit(id, 100 + id));
        return row;
    }

    private void runLater() {
        List<Runnable> due = new ArrayList<>(later);
        later.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void anAdmittedJobIsRunningWithItsExecutionStartTimeAndOneAttempt() {
        MemoryJobRows.Row row = running(1);
        assertEquals(JobStatus.RUNNING, row.status);
        assertEquals(101L, row.lastExecution);
        assertEquals(1, row.attempts);
        assertEquals(NOW.toEpochMilli(), row.start);
        assertEquals(List.of("1 RUNNING"), events);
        assertTrue(dispatcher.isAdmitted(1, 101));
    }

    @Test
    void aJobEndsOnceWhoeverNoticesItsEndAndItsPlaceGoesToTheNextJob() throws Exception {
        running(1);
        queued(2, 2);
        for (long id = 3; id <= 5; id++) {
            running(id);
        }
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(2, 102), "four places are taken: it waits");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> enders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean reducer = i % 2 == 0;
            enders.add(threads.submit(() -> {
                go.await();
                if (reducer) {
                    lifecycle.blocksDone(1, 101, true);
                } else {
                    lifecycle.executionEnded(1, 101, false, true, false);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> ender : enders) {
            ender.get(10, TimeUnit.SECONDS);
        }
        assertEquals(JobStatus.STOPPED, rows.get(1).status);
        assertEquals(NOW.toEpochMilli(), rows.get(1).end);
        assertEquals(1, events.stream().filter("1 STOPPED"::equals).count(), events.toString());
        assertEquals(List.of(2L), launched, "the waiting job got the place, once");
    }

    @Test
    void aJobStoppedWhileItWaitedForAPlaceEndsStoppedAndItsLateAdmissionRunsNothing() {
        for (long id = 1; id <= 4; id++) {
            running(id);
        }
        MemoryJobRows.Row waiting = queued(9, 9);
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(9, 109));
        lifecycle.stop(rows.load(9));
        assertEquals(JobStatus.STOPPED, waiting.status);
        assertEquals(JobLifecycle.STOPPED_WAITING, waiting.error);
        lifecycle.blocksDone(1, 101, false);
        assertEquals(List.of(), launched, "a stopped job is not started when a place frees");
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(9, 119), "an execution still on its way");
        assertEquals(JobStatus.STOPPED, waiting.status);
        assertFalse(dispatcher.isRunning(9));
    }

    @Test
    void aStopBetweenTheAdmissionsTwoReadsLeavesTheJobStoppedAndFreesThePlace() {
        MemoryJobRows.Row row = queued(1, 1);
        rows.beforeMarkRunning = () -> {
            row.status = JobStatus.STOPPED;
            row.error = JobLifecycle.STOPPED_WAITING;
        };
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(1, 101));
        assertEquals(JobStatus.STOPPED, row.status);
        assertFalse(dispatcher.isRunning(1), "its place is free again");
        assertEquals(List.of(), events, "nothing was changed by the admission");
    }

    @Test
    void aJobAnotherNodeFailedMeanwhileIsNotEndedAgainHere() {
        MemoryJobRows.Row row = running(1);
        // this node looked dead: another one failed the job and restarted it there
        row.status = JobStatus.QUEUED;
        row.node = OTHER;
        lifecycle.blocksDone(1, 101, false);
        assertEquals(JobStatus.QUEUED, row.status, "the other node's restart stands");
        assertEquals(OTHER, row.node);
        assertEquals(List.of("1 RUNNING"), events);
        assertFalse(dispatcher.isRunning(1));
    }

    @Test
    void aRunTheBatchRuntimeLostRunsAgainAFewTimesThenFails() {
        MemoryJobRows.Row row = running(1);
        for (int again = 1; again <= 3; again++) {
            // no run was opened and nothing was stopped or failed: the runtime ended the execution by itself
            lifecycle.blocksDone(1, 100 + again, false);
            assertEquals(JobStatus.QUEUED, row.status, "run " + again + " is run again");
            runLater();
            assertEquals(JobLifecycle.Admission.RUN, lifecycle.admit(1, 1000 + 1), "it is admitted again");
            dispatcher.release(1);
            assertTrue(dispatcher.admit(1, 1, 200 + again));
        }
        lifecycle.blocksDone(1, 204, false);
        assertEquals(JobStatus.FAILED, row.status, "not a fourth time");
        assertEquals(JobLifecycle.noRunError(204), row.error);
    }

    @Test
    void anEndWrittenWhileTheDatabaseIsAwayIsWrittenOnceItIsBackAndThePlaceIsFreedAtOnce() {
        MemoryJobRows.Row row = running(1);
        queued(2, 2);
        rows.down = true;
        lifecycle.blocksDone(1, 101, true);
        assertEquals(JobStatus.RUNNING, row.status, "not written yet");
        assertFalse(dispatcher.isRunning(1), "but its place is free");
        rows.down = false;
        runLater();
        assertEquals(JobStatus.STOPPED, row.status);
        assertEquals(1, events.stream().filter("1 STOPPED"::equals).count());
    }

    @Test
    void anAdmissionWhileTheDatabaseIsAwayLeavesTheJobQueuedAndStartsItAgainOnceItIsBack() {
        MemoryJobRows.Row row = queued(1, 1);
        rows.down = true;
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(1, 101));
        assertEquals(JobStatus.QUEUED, row.status);
        rows.down = false;
        runLater();
        assertEquals(List.of(1L), launched, "a new execution once the database is back");
    }

    @Test
    void anAdmissionThatThrowsAnErrorFailsTheJobWithTheReasonAndFreesThePlace() {
        MemoryJobRows.Row row = queued(1, 1);
        rows.beforeMarkRunning = () -> {
            throw new OutOfMemoryError("Java heap space");
        };
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(1, 101));
        assertEquals(JobStatus.FAILED, row.status);
        assertTrue(row.error.startsWith("the server could not start this job: "), row.error);
        assertFalse(dispatcher.isRunning(1));
    }

    @Test
    void anEndedJobCannotBeStoppedAndOnlyOneOfTwoRestartsRunsIt() throws Exception {
        MemoryJobRows.Row row = running(1);
        lifecycle.blocksDone(1, 101, true);
        Job ended = rows.load(1);
        assertThrows(ConflictException.class, () -> lifecycle.stop(ended));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> restarts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            restarts.add(threads.submit(() -> {
                go.await();
                try {
                    lifecycle.restart(ended);
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int started = 0;
        for (Future<Boolean> restart : restarts) {
            started += restart.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, started, "the others are told it was restarted meanwhile");
        assertEquals(JobStatus.QUEUED, row.status);
        assertNull(row.end);
        assertEquals(List.of(1L), launched);
        assertThrows(ConflictException.class, () -> lifecycle.restart(rows.load(1)), "QUEUED: not restartable");
    }

    @Test
    void aRestartWhoseStartTheDatabaseRefusesWaitsInLineAndStartsLater() {
        running(1);
        lifecycle.blocksDone(1, 101, true);
        Job failed = rows.load(1);
        rows.downOnLaunch = true;
        lifecycle.restart(failed);
        assertEquals(JobStatus.QUEUED, rows.get(1).status);
        assertEquals(List.of(), launched);
        rows.downOnLaunch = false;
        runLater();
        assertEquals(List.of(1L), launched);
    }

    @Test
    void ofTwoNodesTakingOverADeadNodesQueuedJobOneDoes() throws Exception {
        rows.add(1, 1, JobStatus.QUEUED, "dead");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> takers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            takers.add(threads.submit(() -> {
                go.await();
                return lifecycle.takeOver(1, "dead");
            }));
        }
        go.countDown();
        int took = 0;
        for (Future<Boolean> taker : takers) {
            took += taker.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, took);
        assertEquals(HERE, rows.get(1).node);
    }

    @Test
    void aJobRecoveredByAnotherNodeAtTheSameTimeAsItsOwnEndEndsOnce() throws Exception {
        running(1);
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> recovery = threads.submit(() -> {
            go.await();
            return lifecycle.failInterrupted(rows.load(1), HERE, "node here stopped answering", job -> List.of());
        });
        Future<?> end = threads.submit(() -> {
            go.await();
            lifecycle.blocksDone(1, 101, true);
            return null;
        });
        go.countDown();
        boolean recovered = recovery.get(10, TimeUnit.SECONDS);
        end.get(10, TimeUnit.SECONDS);
        assertEquals(recovered ? JobStatus.FAILED : JobStatus.STOPPED, rows.get(1).status);
        assertEquals(1, events.stream().filter(e -> e.startsWith("1 FAILED") || e.startsWith("1 STOPPED")).count(),
                events.toString());
    }

    @Test
    void anExecutionOfAJobWhoseSchedulingFailedRunsNothing() {
        MemoryJobRows.Row row = queued(1, 1);
        lifecycle.abandon(1);
        assertEquals(JobLifecycle.Admission.DEFER, lifecycle.admit(1, 101));
        assertEquals(JobStatus.QUEUED, row.status);
        assertFalse(dispatcher.isRunning(1));
    }

    @Test
    void anExecutionThatFailedBeforeItsAdmissionIsStartedAgain() {
        queued(1, 1);
        lifecycle.executionEnded(1, 101, false, false, true);
        runLater();
        assertEquals(List.of(1L), launched);
        lifecycle.executionEnded(1, 102, true, false, false);
        assertEquals(List.of(1L), launched, "a deferred execution is not a failure");
    }

    @Test
    void aJobWhoseRunCannotBeOpenedFailsWithTheReasonAndIsNotRunAgain() {
        MemoryJobRows.Row row = running(1);
        lifecycle.cannotRun(1, "the modules of the workflow cannot be loaded: gone");
        lifecycle.blocksDone(1, 101, false);
        assertEquals(JobStatus.FAILED, row.status);
        assertEquals("the modules of the workflow cannot be loaded: gone", row.error);
        assertEquals(List.of(), launched);
    }

    @Test
    void theEndDecidedFromARunThatNeverOpened() {
        JobEnd stopped = JobEnd.of(null, true, null, "x", Duration.ofSeconds(1));
        assertEquals(JobStatus.STOPPED, stopped.status());
        JobEnd cannot = JobEnd.of(null, false, "why", "x", Duration.ofSeconds(1));
        assertEquals(new JobEnd(JobStatus.FAILED, "why", false), cannot);
        JobEnd lost = JobEnd.of(null, false, null, "x", Duration.ofSeconds(1));
        assertEquals(new JobEnd(JobStatus.FAILED, "x", true), lost);
    }
}
