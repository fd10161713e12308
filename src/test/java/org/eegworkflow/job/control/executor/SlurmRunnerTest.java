package org.eegworkflow.job.control.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.job.entity.RemoteTask;
import org.eegworkflow.job.control.store.MemoryRemoteTasks;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.testblocks.Scale;
import org.eegworkflow.testblocks.TestBlocksModule;
import org.eegworkflow.testblocks.Throw;

/**
 * The Slurm executor against fake {@code sbatch}/{@code squeue}/{@code scancel}/{@code sacct} (src/test/resources/
 * fake-slurm): the fake sbatch really runs each task's batch script, so every block here runs in a real worker JVM
 * on the app's classes and comes back through its result file; only the scheduler is pretended. The real cluster is
 * SlurmIT's.
 */
class SlurmRunnerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path bin;
    private MemoryRemoteTasks tasks;
    private SlurmRunner runner;

    @BeforeEach
    void fakeSlurm() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String command : List.of("sbatch", "squeue", "scancel", "sacct")) {
            try (InputStream in = SlurmRunnerTest.class.getResourceAsStream("/fake-slurm/" + command)) {
                Files.copy(in, bin.resolve(command));
            }
            Files.setPosixFilePermissions(bin.resolve(command), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        tasks = new MemoryRemoteTasks();
        runner = runner(tasks);
    }

    private SlurmRunner runner(MemoryRemoteTasks records) {
        SlurmRunner.Config config = new SlurmRunner.Config(dir.resolve("slurm"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.of("--partition=eeg"), 4,
                100, 256, 128, 64, 300, false);
        return new SlurmRunner(new SlurmCommands(bin), records, () -> System.getProperty("java.class.path"),
                () -> config, Thread::new);
    }

    @AfterEach
    void close() throws IOException {
        runner.close();
        // the fake cluster's held tasks end with the test, as scancel would end them
        Path state = bin.resolve("state");
        if (Files.isDirectory(state)) {
            try (var files = Files.list(state)) {
                for (Path pid : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private void mode(String mode) throws IOException {
        Files.writeString(bin.resolve("mode"), mode);
    }

    private static BlockSpec spec(Class<?> type) {
        return BlockIntrospector.describe(TestBlocksModule.NAME, type);
    }

    private Invocation scale(String key, double in, double factor, Log log) {
        return new Invocation(7, "42", 3, key, 1, spec(Scale.class), Map.of("factor", Double.toString(factor)),
                Map.of("in", List.of(in)), log, null, dir.resolve("work"), dir.resolve("values"),
                dir.resolve("files"), StandardCodecs::forType, 60_000);
    }

    private static BlockInvoker.Outcome await(Future<BlockInvoker.Outcome> future) throws Exception {
        return future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private static String failure(Future<BlockInvoker.Outcome> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(future));
        assertInstanceOf(BlockFailedException.class, e.getCause());
        return e.getCause().getMessage();
    }

    private int submissions() throws IOException {
        Path log = bin.resolve("state/sbatch.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void aBlockRunsInAWorkerAndComesBackAsItWouldHere() throws Exception {
        Log log = new Log();
        BlockInvoker.Outcome remote = await(runner.start(List.of(scale(null, 21, 2, log)), null).get(0));
        BlockInvoker.Outcome here = BlockInvoker.invoke(spec(Scale.class), Map.of("factor", "2.0"),
                Map.of("in", List.of(21.0)), new Log());
        assertEquals(here.outputs(), remote.outputs());
        assertEquals(new Artefacts.Shown(Artefacts.STRING, "scaled 21.0 by 2.0"), remote.shown());
        assertEquals(List.of("scaled 21.0"), log.lines);
        RemoteTask record = tasks.ofJob(7).get(0);
        assertEquals("1001", record.getRemoteId());
        assertEquals("fake1", record.getNode());
        assertEquals(RemoteTask.ENDED, record.getState());
        String submitted = Files.readString(bin.resolve("state/sbatch.log"));
        assertTrue(submitted.contains("--mem=448M"), submitted);
        assertTrue(submitted.contains("--time=2:00"), submitted);
        assertTrue(submitted.contains("--no-requeue"), submitted);
        assertTrue(submitted.contains("--partition=eeg"), submitted);
    }

    @Test
    void theElementsOfAStudyAreOneJobArrayOverBothNodes() throws Exception {
        List<Invocation> elements = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            elements.add(scale("sub-0" + i, i, 10, new Log()));
        }
        LinkedBlockingQueue<Future<BlockInvoker.Outcome>> done = new LinkedBlockingQueue<>();
        List<Future<BlockInvoker.Outcome>> futures = runner.start(elements, done);
        for (int i = 0; i < 6; i++) {
            assertEquals(10.0 * i, await(futures.get(i)).outputs().get("out"));
        }
        for (int i = 0; i < 6; i++) {
            assertTrue(done.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS) != null, "each future is announced done");
        }
        assertEquals(1, submissions());
        assertTrue(Files.readString(bin.resolve("state/sbatch.log")).contains("--array=0-5%4"));
        Set<String> nodes = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        tasks.ofJob(7).forEach(t -> {
            nodes.add(t.getNode());
            ids.add(t.getRemoteId());
        });
        assertEquals(Set.of("fake1", "fake2"), nodes);
        assertEquals(Set.of("1001_0", "1001_1", "1001_2", "1001_3", "1001_4", "1001_5"), ids);
    }

    @Test
    void aChainOnOneElementRunsInOneWorkerAndItsFollowersOutcomesComeFirst() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<Integer, Followers.Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        Followers followers = new Followers(List.of(
                new Followers.Follower(5, spec(Scale.class), Map.of("factor", "10"),
                        List.of(new org.eegworkflow.worker.WorkerTask.Wire("in", 3, "out"))),
                new Followers.Follower(6, spec(Throw.class), Map.of("failure", "ASSERTION"), List.of()),
                new Followers.Follower(7, spec(Scale.class), Map.of(),
                        List.of(new org.eegworkflow.worker.WorkerTask.Wire("in", 6, "out")))),
                (block, outcome) -> {
                    order.add("follower " + block);
                    outcomes.put(block, outcome);
                });
        Future<BlockInvoker.Outcome> head = runner.start(List.of(scale("sub-01", 2, 3, new Log())
                .withFollowers(followers)), null).get(0);
        ((java.util.concurrent.CompletableFuture<BlockInvoker.Outcome>) head).thenRun(() -> order.add("head"));
        assertEquals(6.0, await(head).outputs().get("out"));
        assertEquals(60.0, outcomes.get(5).outcome().outputs().get("out"));
        assertEquals(new Artefacts.Shown(Artefacts.STRING, "scaled 6.0 by 10.0"), outcomes.get(5).outcome().shown());
        assertEquals("scaled 6.0\n", outcomes.get(5).stdout());
        assertTrue(outcomes.get(6).failure().contains("a check of the block failed on purpose"),
                outcomes.get(6).failure());
        assertEquals("not run: upstream block 6 failed for this element", outcomes.get(7).failure());
        assertEquals(List.of("follower 5", "follower 6", "follower 7", "head"), order);
        assertEquals(1, submissions(), "one Slurm job for the chain");
        Set<String> ran = new TreeSet<>();
        tasks.ofJob(7).forEach(t -> ran.add(t.getBlockId() + " " + t.getRemoteId() + " " + t.getNode() + " "
                + t.getState()));
        assertEquals(Set.of("3 1001_0 fake1 ENDED", "5 1001_0 fake1 ENDED", "6 1001_0 fake1 ENDED",
                "7 1001_0 fake1 ENDED"),
                ran);
    }

    @Test
    void aBlockThatFailsInItsWorkerFailsWithItsOwnReason() throws Exception {
        Invocation oom = new Invocation(7, "42", 4, null, 1, spec(Throw.class), Map.of("failure", "OOM_HEAP"),
                Map.of(), new Log(), null, dir.resolve("work"), dir.resolve("values"), dir.resolve("files"),
                StandardCodecs::forType, 60_000);
        String reason = failure(runner.start(List.of(oom), null).get(0));
        assertTrue(reason.contains("memory"), reason);
    }

    @Test
    void whatSlurmDidToATaskIsSaidSoAPersonUnderstands() throws Exception {
        mode("OUT_OF_MEMORY");
        String oom = failure(runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0));
        assertTrue(oom.startsWith("ran out of memory: Slurm stopped Slurm job 1001 on node fake1 over its --mem of"
                + " 448 MB"), oom);
        mode("exceed");
        String killed = failure(runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0));
        assertTrue(killed.startsWith("ran out of memory: Slurm stopped Slurm job 1002 on node fake1"), killed);
        mode("FAILED");
        String failed = failure(runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0));
        assertEquals("its worker failed on node fake1 without a result (Slurm job 1003)", failed);
        mode("NODE_FAIL");
        String node = failure(runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0));
        assertEquals("node fake1 failed while it ran this block (Slurm job 1004)", node);
        mode("TIMEOUT");
        String timeout = failure(runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0));
        assertEquals("timed out: Slurm stopped Slurm job 1005 on node fake1 at its time limit", timeout);
        mode("refuse");
        String refused = failure(runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0));
        assertTrue(refused.startsWith("Slurm did not take the block: sbatch failed (exit 1): sbatch: error: Batch"
                + " job submission failed: Invalid partition name"), refused);
    }

    @Test
    void cancellingTheFutureCancelsTheSlurmTask() throws Exception {
        mode("hold");
        Future<BlockInvoker.Outcome> held = runner.start(List.of(scale(null, 1, 1, new Log())), null).get(0);
        assertFalse(held.isDone());
        assertTrue(held.cancel(true));
        assertThrows(CancellationException.class, held::get);
        // scancel is the poller's (a stop cancels futures while it holds its run's lock): it follows at once
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Path cancelled = bin.resolve("state/scancel.log");
        while (!(Files.exists(cancelled) && RemoteTask.ENDED.equals(tasks.ofJob(7).get(0).getState()))
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("1001"), Files.readAllLines(cancelled));
        assertEquals(RemoteTask.ENDED, tasks.ofJob(7).get(0).getState());
    }

    @Test
    void anotherAttemptAttachesToTheTaskAlreadyRunningInsteadOfSubmittingItAgain() throws Exception {
        mode("hold");
        Future<BlockInvoker.Outcome> first = runner.start(List.of(scale(null, 5, 3, new Log())), null).get(0);
        assertFalse(first.isDone());
        // the app server goes away (its poller with it); the task goes on in Slurm
        runner.close();
        assertEquals(1, submissions());
        // the hold ends and the task really runs: as the worker would have left it, a result beside its task
        RemoteTask live = tasks.liveOfJob(7).get(0);
        Path task = Path.of(live.getTaskFile());
        org.eegworkflow.worker.BlockWorker.run(task, org.eegworkflow.worker.BlockWorker.resultOf(task), "fake1");
        runner = runner(tasks);
        BlockInvoker.Outcome taken = await(runner.start(List.of(scale(null, 5, 3, new Log())), null).get(0));
        assertEquals(15.0, taken.outputs().get("out"));
        assertEquals(1, submissions(), "the block was not submitted a second time");
        assertEquals(RemoteTask.ENDED, tasks.ofJob(7).get(0).getState());
    }

    @Test
    void aTaskNoLongerKnownAndWithoutAResultIsSubmittedAgain() throws Exception {
        // an earlier attempt's record whose Slurm job is gone without a result (slurmctld lost its state)
        Path stale = Files.createDirectories(dir.resolve("stale")).resolve("task-0.bin");
        tasks.save(new RemoteTask(7, 3, null, 1, SlurmRunner.KIND, "77", stale.toString(), java.time.Instant.now()));
        assertEquals(6.0, await(runner.start(List.of(scale(null, 3, 2, new Log())), null).get(0)).outputs()
                .get("out"));
        assertEquals(1, submissions());
        assertTrue(tasks.liveOfJob(7).isEmpty());
    }

    @Test
    void aStudyPassesWholeCollectionsToAGatheringWorker() throws Exception {
        Elements<Object> numbers = Elements.builder().add("sub-01", Map.of("subject", "01"), 1.5)
                .add("sub-02", Map.of("subject", "02"), 2.5).build();
        // a collection travels whole, keys and entities included, as a gathering block's input does
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.eegworkflow.worker.ValueRecords.write(new java.io.DataOutputStream(bytes),
                StandardCodecs.forType("NUMBER").orElseThrow(), numbers);
        Object back = org.eegworkflow.worker.ValueRecords.read(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())), StandardCodecs.forType("NUMBER").orElseThrow());
        assertEquals(numbers.list(), ((Elements<?>) back).list());
    }

    @Test
    void pendingArrayRangesAreReadTaskByTask() {
        assertEquals(List.of("12_2", "12_3", "12_4", "12_7"), SlurmCommands.expand("12_[2-4,7%4]"));
        assertEquals(List.of("12_5"), SlurmCommands.expand("12_5"));
        assertEquals(List.of("12"), SlurmCommands.expand("12"));
    }

    /** A block context that keeps the log lines. */
    static final class Log implements BlockContext {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Path workingDirectory() {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }

        @Override
        public void log(String line) {
            lines.add(line);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
