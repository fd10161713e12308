package org.eegworkflow.job.control.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Stream;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.blocks.arithmetic.ArithmeticModule;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.lifecycle.Dispatchers;
import org.eegworkflow.job.control.lifecycle.JobDispatcher;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.lifecycle.Lifecycles;
import org.eegworkflow.job.control.store.JobFolders;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.control.store.Stores;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.testblocks.Failure;
import org.eegworkflow.testblocks.TestBlocksModule;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.control.WorkflowValidator;
import org.eegworkflow.workflow.entity.Workflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of Throwable, forced on every path of a job on this server: the block's own thread, the checkpoint of
 * its outputs (a codec), the storing of its result, the publishing of its events, the job's end, the dispatcher's
 * start of the next job, the watchdog. Each time the block ends FAILED with a sentence, the job ends, its place is
 * freed and the next job is admitted; nothing is left RUNNING and no worker dies.
 */
class ErrorsTest {
    private static final String T = TestBlocksModule.NAME;
    private static final String A = ArithmeticModule.NAME;

    @TempDir
    Path data;

    private final Map<Integer, BlockRun> results = new ConcurrentHashMap<>();
    private final List<String> ends = new ArrayList<>();
    /** block id whose COMPLETED result the store refuses with {@link #storeFailure}, or 0 */
    private volatile int refuseBlock;
    private volatile Failure storeFailure;
    /** failures the store's finishIf throws, one per call, before it works */
    private final List<Failure> finishFailures = new ArrayList<>();
    private final List<Failure> loadFailures = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private final List<Long> launched = new ArrayList<>();
    private final List<Failure> launchFailures = new ArrayList<>();

    private Settings settings;
    private BlockRegistry registry;
    private JobStore store;
    private JobEvents events;
    private JobDispatcher dispatcher;
    private BlockExecutor executor;
    private WorkflowRuns runs;
    private JobLifecycle completion;

    @BeforeEach
    void setUp() {
        settings = new Settings() {
            @Override
            public Path dataDir() {
                return data;
            }

            @Override
            public String node() {
                return "here";
            }
        };
        registry = new BlockRegistry();
        registry.registerBuiltIns();
        registry.register(new TestBlocksModule());
        store = new JobStore() {
            @Override
            public void saveResult(BlockRun result) {
                Failure failure = storeFailure;
                if (result.getBlockId() == refuseBlock && failure != null) {
                    failure.raise();
                }
                results.put(result.getBlockId(), result);
            }

            @Override
            public void saveResults(Collection<BlockRun> list) {
                list.forEach(r -> results.put(r.getBlockId(), r));
            }

            @Override
            public boolean finishIf(long jobId, JobStatus expected, String node, JobStatus status, String error,
                    long nowMillis) {
                synchronized (ErrorsTest.this) {
                    if (!finishFailures.isEmpty()) {
                        finishFailures.remove(0).raise();
                    }
                    ends.add(jobId + " " + status + ": " + error);
                }
                return true;
            }

            @Override
            public Job load(long jobId) {
                synchronized (ErrorsTest.this) {
                    if (!loadFailures.isEmpty()) {
                        loadFailures.remove(0).raise();
                    }
                }
                return null;
            }
        };
        events = new JobEvents();
        DatabaseRetry retry = new DatabaseRetry() {
            @Override
            public void later(Runnable task, Duration delay) {
                later.add(task);
            }

            @Override
            public <R> R call(String what, java.util.function.Supplier<R> action) {
                return call(what, Duration.ofSeconds(1), action);
            }
        };
        JobLauncher launcher = new JobLauncher() {
            @Override
            public long launch(long jobRowId) {
                synchronized (ErrorsTest.this) {
                    if (!launchFailures.isEmpty()) {
                        launchFailures.remove(0).raise();
                    }
                }
                launched.add(jobRowId);
                return jobRowId + 1000;
            }
        };
        dispatcher = Dispatchers.of(settings, launcher, retry);
        JobFolders folders = Stores.folders(settings);
        executor = new BlockExecutor();
        executor.store = store;
        executor.folders = folders;
        executor.events = events;
        executor.settings = settings;
        executor.retry = retry;
        executor.threadFactory = new ThreadFactoryForTests();
        runs = new WorkflowRuns();
        runs.plans = new WorkflowPlans();
        completion = Lifecycles.of(store, dispatcher, runs, events, retry, settings, launcher);
    }

    /**
     * Block 1 the given one; 2 a constant and 3 an addition of it, an independent branch; 4 depends on 1 (fed by its
     * NUMBER output; a poisoned output feeds nothing).
     */
    private WorkflowRun run(long jobId, String block1) throws Exception {
        boolean feeds = !block1.contains("Poison");
        String json = """
            {"blocks": [%s,
              {"id": 2, "type": "Constant", "module": "%2$s", "values": {"constant value": "4"}},
              {"id": 3, "type": "Addition", "module": "%2$s"},
              {"id": 4, "type": "Sleep", "module": "%3$s", "values": {"seconds": "0"}}],
             "edges": [
              {"id": 1, "block1": 2, "connector1": ["output", "output"], "block2": 3, "connector2": ["num1", "input"]},
              {"id": 2, "block1": 2, "connector1": ["output", "output"], "block2": 3, "connector2": ["num2", "input"]}
              %4$s]}
            """.formatted(block1, A, T, feeds ? ", {\"id\": 3, \"block1\": 1, \"connector1\": [\"out\", \"output\"],"
                + " \"block2\": 4, \"connector2\": [\"in\", \"input\"]}" : "");
        Workflow workflow = WorkflowParser.parse(WorkflowParser.readObject(json));
        Map<Integer, BlockSpec> specs = WorkflowValidator.validate(workflow, registry);
        WorkflowRun run = new WorkflowRun(jobId, workflow, specs);
        run.checkpoints(Checkpoints.open(data.resolve("checkpoints-" + jobId), registry::codec));
        runs.add(run);
        return run;
    }

    private static String test(String type, Failure failure) {
        return "{\"id\": 1, \"type\": \"" + type + "\", \"module\": \"" + T + "\", \"values\": {\"failure\": \""
                + failure.name() + "\"}}";
    }

    /** A block that simply completes. */
    private static String fine() {
        return "{\"id\": 1, \"type\": \"Sleep\", \"module\": \"" + T + "\", \"values\": {\"seconds\": \"0\"}}";
    }


    enum Where { BLOCK, CHECKPOINT, STORE }

    static Stream<Arguments> kindsAndPaths() {
        return Stream.of(Where.values()).flatMap(path -> Stream.of(Failure.values())
                .map(kind -> Arguments.of(path, kind)));
    }

    /** Runs the job's blocks on two workers, as the run-blocks step does, then ends it; both workers must come back. */
    private String runToTheEnd(WorkflowRun run) throws Exception {
        assertTrue(dispatcher.admit(run.rowId(), 7, run.rowId() + 1000));
        List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();
        run.workers(2);
        Thread step = new Thread(() -> {
            try {
                executor.run(run);
            } catch (Throwable t) {
                escaped.add(t);
            }
        });
        step.start();
        step.join(Duration.ofSeconds(60).toMillis());
        assertFalse(step.isAlive(), "a worker is stuck");
        assertEquals(List.of(), escaped, "nothing escapes a worker");
        assertTrue(run.isSettled(), "every block ended");
        Lifecycles.finish(completion, run.rowId(), false, "no run");
        assertFalse(dispatcher.isRunning(run.rowId()), "its place is free");
        assertNull(runs.get(run.rowId()), "its run (and the values in it) is let go");
        synchronized (this) {
            assertEquals(1, ends.size(), ends.toString());
            return ends.remove(0);
        }
    }

    @ParameterizedTest(name = "{1} on the {0} path")
    @MethodSource("kindsAndPaths")
    void everyThrowableOnEveryPathEndsTheBlockAndTheJobFailed(Where path, Failure kind) throws Exception {
        WorkflowRun run = switch (path) {
            case BLOCK -> run(1, test("Throw", kind));
            case CHECKPOINT -> run(1, test("Poison", kind));
            case STORE -> {
                refuseBlock = 1;
                storeFailure = kind;
                yield run(1, fine());
            }
        };
        String end = runToTheEnd(run);

        BlockRun failed = results.get(1);
        assertNotNull(failed);
        assertEquals(BlockStatus.FAILED, failed.getStatus());
        assertTrue(failed.getStderr().contains(kind.sentence()), failed.getStderr());
        if (path == Where.BLOCK && kind.name().startsWith("OOM_")) {
            assertTrue(failed.getStderr().contains("declares it needs about 40 MB"), failed.getStderr());
        }
        if (path != Where.CHECKPOINT) {
            assertEquals("not run: upstream block 1 failed", results.get(4).getStderr());
        }
        assertEquals(BlockStatus.COMPLETED, results.get(3).getStatus(), "the independent branch finished");
        assertTrue(end.startsWith("1 FAILED: a block failed: block 1 ("), end);
        assertTrue(end.contains(kind.sentence()), end);

        // the server is healthy: the next job runs and completes
        WorkflowRun next = run(2, fine());
        refuseBlock = 0;
        assertEquals("2 COMPLETED: null", runToTheEnd(next));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aListenerThatThrowsIsDroppedAndTheJobCompletes(Failure kind) throws Exception {
        List<String> heard = new ArrayList<>();
        boolean[] ended = {false};
        events.follow(1, List::of, list -> false, new JobEvents.Listener() {
            @Override
            public void on(JobEvents.Event event) {
                heard.add(event.name());
                kind.raise();
            }

            @Override
            public void end() {
                ended[0] = true;
            }
        });
        WorkflowRun run = run(1, fine());
        assertEquals("1 COMPLETED: null", runToTheEnd(run));
        assertEquals(List.of("block"), heard, "the listener heard the first event, then was dropped");
        assertEquals(BlockStatus.COMPLETED, results.get(4).getStatus());
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aJobWhoseEndCannotBeWrittenAtFirstStillEndsFailedAndFreesItsPlace(Failure kind) throws Exception {
        WorkflowRun run = run(1, fine());
        synchronized (this) {
            finishFailures.add(kind);
        }
        String end = runToTheEnd(run);
        assertTrue(end.startsWith("1 FAILED: the server could not end this job normally: writing its end "), end);
        assertTrue(end.contains(kind.sentence().replace("this block", "")), end);

        // when FAILED cannot be written either, it is tried again in the background; the place is free at once
        WorkflowRun second = run(2, fine());
        synchronized (this) {
            finishFailures.add(kind);
            finishFailures.add(kind);
        }
        assertTrue(dispatcher.admit(2, 7, 1002));
        executor.drain(second);
        Lifecycles.finish(completion, 2, false, "no run");
        assertFalse(dispatcher.isRunning(2));
        assertEquals(1, later.size(), "FAILED is tried again later");
        later.remove(0).run();
        synchronized (this) {
            assertEquals(1, ends.size(), ends.toString());
            assertTrue(ends.get(0).startsWith("2 FAILED: the server could not end this job normally"), ends.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aWaitingJobWhoseStartThrowsKeepsItsPlaceInLine(Failure kind) {
        for (long id = 1; id <= 4; id++) {
            assertTrue(dispatcher.admit(id, 100 + id, 1000 + id));
        }
        assertFalse(dispatcher.admit(10, 7, 1010), "no place: it waits");
        synchronized (this) {
            launchFailures.add(kind);
        }
        dispatcher.release(1);
        assertFalse(dispatcher.isRunning(10));
        assertEquals(1, later.size(), "another try is scheduled");
        later.remove(0).run();
        assertEquals(List.of(10L), launched, "started on the next try");
        assertTrue(dispatcher.admit(10, 7, 2010), "the new execution holds the reserved place");
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void theWatchdogOutlivesAThrowable(Failure kind) {
        assertTrue(dispatcher.admit(5, 7, 1005));
        synchronized (this) {
            loadFailures.add(kind);
        }
        System.setProperty("eegwf.db.retry.seconds", "0");
        try {
            Lifecycles.watch(completion);
            Lifecycles.watch(completion);
        } finally {
            System.clearProperty("eegwf.db.retry.seconds");
        }
        // the first round threw inside; the watchdog goes on (a job whose execution is gone, deleted: released)
        assertTrue(later.isEmpty());
    }

    @Test
    void aWorkerThatDiesOutsideAnyBlockEndsTheJobFailedWithTheReason() throws Exception {
        WorkflowRun run = run(1, test("Throw", Failure.OOM_THROWN));
        assertTrue(dispatcher.admit(1, 7, 1001));
        run.abort("the server could not go on with this job: a worker of the job needs more memory");
        assertNull(run.take(), "nothing more is handed out");
        Lifecycles.finish(completion, 1, false, "no run");
        synchronized (this) {
            assertEquals(List.of("1 FAILED: the server could not go on with this job: a worker of the job needs"
                    + " more memory"), ends);
        }
        assertFalse(dispatcher.isRunning(1));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aCheckpointThatCannotBeReadBackIsRunAgainRatherThanFailingTheRestart(Failure kind) throws Exception {
        Map<Integer, BlockSpec> specs = Map.of(1, org.eegworkflow.block.control.BlockIntrospector.describe(T,
                org.eegworkflow.testblocks.Sleep.class));
        Path dir = data.resolve("read-back");
        try (Checkpoints log = Checkpoints.open(dir, registry::codec)) {
            assertTrue(log.write(1, specs.get(1), Map.of("out", 4.0)));
        }
        org.eegworkflow.sdk.ValueCodec throwing = new org.eegworkflow.sdk.ValueCodec() {
            @Override
            public String type() {
                return "NUMBER";
            }

            @Override
            public void write(Object value, java.io.DataOutput out) {
            }

            @Override
            public Object read(java.io.DataInput in) {
                kind.raise();
                return null;
            }
        };
        assertEquals(Map.of(), Checkpoints.read(dir, specs, type -> java.util.Optional.of(throwing)),
                "nothing reusable: the block runs again");
    }

    /** A thread factory as the server's managed one, for the block threads. */
    private static final class ThreadFactoryForTests implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "block");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        }
    }

}
