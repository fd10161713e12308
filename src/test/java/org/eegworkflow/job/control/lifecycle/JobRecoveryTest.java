package org.eegworkflow.job.control.lifecycle;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import org.eegworkflow.it.Workflows;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.run.Runs;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.RemoteTask;
import org.eegworkflow.job.control.store.MemoryRemoteTasks;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a stopped server or a dead node left behind, put right without a container: the job rows are a map that
 * changes as the queries do, the batch runtime a launcher that counts starts, the server's scheduler a list the test
 * runs when it says so.
 */
class JobRecoveryTest {
    private static final String HERE = "here";

    private final MemoryJobRows rows = new MemoryJobRows();
    private final MemoryRemoteTasks remote = new MemoryRemoteTasks();
    private final List<Long> launched = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private ExecutorService threads;

    private JobRecovery recovery(String node) {
        Settings settings = new Settings() {
            @Override
            public String node() {
                return node;
            }
        };
        DatabaseRetry retry = new DatabaseRetry() {
            @Override
            public <R> R call(String what, Supplier<R> action) {
                return call(what, Duration.ofMillis(50), action);
            }

            @Override
            public void later(Runnable task, Duration delay) {
                scheduled.add(task);
            }
        };
        JobLauncher launcher = new JobLauncher() {
            @Override
            public long launch(long rowId) {
                synchronized (launched) {
                    launched.add(rowId);
                }
                return 1000 + rowId;
            }
        };
        JobEvents recorder = new JobEvents() {
            @Override
            public void jobChanged(long rowId, JobStatus status, String error) {
                synchronized (events) {
                    events.add(rowId + " " + status);
                }
            }
        };
        JobDispatcher dispatcher = Dispatchers.of(settings, launcher, retry);
        JobRecovery recovery = new JobRecovery();
        recovery.store = rows;
        recovery.launcher = launcher;
        recovery.settings = settings;
        recovery.lifecycle = Lifecycles.of(rows, dispatcher, Runs.runs(), recorder, retry, settings, launcher);
        recovery.scheduler = scheduler();
        recovery.remoteTasks = remote;
        return recovery;
    }

    /** The server's scheduler: every task is kept for the test to run; periodic ones (the watchdog) are left out. */
    private ManagedScheduledExecutorService scheduler() {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule") && args[0] instanceof Runnable task) {
                        scheduled.add(task);
                    }
                    return null;
                });
    }

    private void runScheduled() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    @BeforeEach
    void setUp() {
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void atStartAJobThatWasRunningHereFailsWithTheReasonAndTheBlockThatWasRunning() {
        MemoryJobRows.Row row = rows.add(1, 7, JobStatus.RUNNING, HERE);
        row.workflow = Workflows.binary("Addition", "1", "2");
        rows.saveResults(List.of(new BlockRun(1, 1, 1, BlockStatus.COMPLETED, "STRING", "1", "", "", Instant.now(),
                Instant.now())));
        recovery(HERE).onStart(null);
        assertEquals(JobStatus.FAILED, row.status);
        assertEquals(JobRecovery.INTERRUPTED, row.error);
        // block 2 had no result and nothing to wait for: it was running; block 3 waited for it
        List<Integer> interrupted = rows.results().stream().filter(r -> r.getStatus() == BlockStatus.FAILED)
                .map(BlockRun::getBlockId).toList();
        assertEquals(List.of(2), interrupted);
        assertEquals(List.of("1 FAILED"), events);
    }

    @Test
    void aJobWhoseBlocksStillRunInSlurmRunsAgainInsteadOfFailingAtStartAndOnAnotherNode() {
        MemoryJobRows.Row here = rows.add(1, 7, JobStatus.RUNNING, HERE);
        MemoryJobRows.Row dead = rows.add(2, 7, JobStatus.RUNNING, "dead");
        MemoryJobRows.Row plain = rows.add(3, 7, JobStatus.RUNNING, HERE);
        plain.workflow = Workflows.binary("Addition", "1", "2");
        for (long job : List.of(1L, 2L)) {
            remote.save(new RemoteTask(job, 2, null, 1, "slurm", "10" + job, "/shared/task-0.bin", Instant.now()));
        }
        recovery(HERE).onStart(null);
        assertEquals(JobStatus.QUEUED, here.status, "its block is still running in Slurm");
        assertNull(here.error);
        assertEquals(JobStatus.FAILED, plain.status, "a job whose blocks ran here was lost with the server");
        runScheduled();
        assertEquals(List.of(1L), launched, "launched again, to wait for its Slurm job");
        assertTrue(recovery("other").recoverDeadNode("dead", Duration.ofSeconds(30)));
        assertEquals(JobStatus.QUEUED, dead.status);
        assertEquals("other", dead.node, "taken over by the node that found the dead one");
        assertEquals(List.of(1L, 2L), launched);
        assertEquals(List.of("1 QUEUED", "3 FAILED", "2 QUEUED"), events);
    }

    @Test
    void atStartQueuedJobsStartAgainAndARowThatNeverGotItsIdIsRemovedOnceItIsOld() {
        rows.add(1, 7, JobStatus.QUEUED, HERE);
        MemoryJobRows.Row orphan = rows.add(2, 7, JobStatus.QUEUED, HERE);
        orphan.executionId = null;
        orphan.createdAt = Instant.now().minus(Duration.ofMinutes(10));
        MemoryJobRows.Row young = rows.add(3, 7, JobStatus.QUEUED, HERE);
        young.executionId = null;
        MemoryJobRows.Row legacy = rows.add(4, 7, JobStatus.QUEUED, null);
        rows.add(5, 7, JobStatus.QUEUED, "elsewhere");
        recovery(HERE).onStart(null);
        assertNull(rows.get(2), "its client never got a job id");
        assertEquals(JobStatus.QUEUED, young.status, "a schedule request may still be answering it");
        assertEquals(List.of(), launched, "started once the deployment is complete");
        runScheduled();
        assertEquals(List.of(1L, 4L), launched, "this node's, and the row from before nodes were recorded");
        assertEquals(HERE, legacy.node);
    }

    @Test
    void aDeadNodesRunningJobsFailNamingItAndItsQueuedOnesAreTakenOverOnceByOneOfTwoNodes() throws Exception {
        for (long id = 1; id <= 3; id++) {
            rows.add(id, 7, JobStatus.RUNNING, "dead");
        }
        for (long id = 4; id <= 9; id++) {
            rows.add(id, 7, JobStatus.QUEUED, "dead");
        }
        MemoryJobRows.Row neverAnswered = rows.add(10, 7, JobStatus.QUEUED, "dead");
        neverAnswered.executionId = null;
        rows.add(11, 7, JobStatus.RUNNING, "alive");
        JobRecovery a = recovery("a");
        JobRecovery b = recovery("b");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> both = new ArrayList<>();
        for (JobRecovery node : List.of(a, b)) {
            both.add(threads.submit(() -> {
                go.await();
                return node.recoverDeadNode("dead", Duration.ofSeconds(30));
            }));
        }
        go.countDown();
        for (Future<Boolean> done : both) {
            done.get(10, TimeUnit.SECONDS);
        }
        for (long id = 1; id <= 3; id++) {
            assertEquals(JobStatus.FAILED, rows.get(id).status);
            assertTrue(rows.get(id).error.startsWith("node dead stopped answering (no heartbeat for 30 s)"),
                    rows.get(id).error);
        }
        assertEquals(3, events.stream().filter(e -> e.endsWith("FAILED")).count(), "each failed once: " + events);
        List<Long> started = launched.stream().sorted().toList();
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L), started, "each queued job started once, by one node");
        for (long id = 4; id <= 9; id++) {
            String node = rows.get(id).node;
            assertTrue(node.equals("a") || node.equals("b"), node);
        }
        assertNull(rows.get(10), "a row whose client got no id is not run");
        assertEquals(JobStatus.RUNNING, rows.get(11).status, "a live node's job is left alone");
        assertTrue(a.recoverDeadNode("dead", Duration.ofSeconds(30)), "nothing is left on the dead node");
    }

    @Test
    void aRecoveryWhileTheDatabaseIsAwayChangesNothingAndTheNextRoundDoesIt() {
        rows.add(1, 7, JobStatus.RUNNING, "dead");
        JobRecovery here = recovery(HERE);
        rows.down = true;
        try {
            here.recoverDeadNode("dead", Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // the cluster tick logs it and tries again next second
        }
        assertEquals(JobStatus.RUNNING, rows.get(1).status);
        rows.down = false;
        assertTrue(here.recoverDeadNode("dead", Duration.ofSeconds(30)));
        assertEquals(JobStatus.FAILED, rows.get(1).status);
        assertFalse(events.isEmpty());
    }
}
