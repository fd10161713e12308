package org.eegworkflow.job.control.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.job.control.store.RemoteTasks;
import org.eegworkflow.job.entity.RemoteTask;
import org.eegworkflow.worker.BlockWorker;
import org.eegworkflow.worker.WorkerResult;
import org.eegworkflow.worker.WorkerTask;

/**
 * Runs blocks as Slurm jobs: a block as one job, the elements of a mapped block as one job array (at most
 * {@code arrayLimit} running at once), each a plain-JVM {@link BlockWorker} on the app's classes in the shared data
 * folder. One poller thread watches every task: a task's result file is the truth about how its block ended;
 * {@code squeue} (or {@code sacct}) tells what happened to one that ended without a result, said so a person
 * understands. A task is recorded when submitted, so an app server that takes a job over waits for the tasks already
 * running instead of submitting them again. Plain Java: the container wires it ({@link SlurmExecution}), tests wire it
 * with fake Slurm commands.
 */
public final class SlurmRunner implements BlockExecution {
    public static final String KIND = "slurm";
    private static final Logger LOG = Logger.getLogger(SlurmRunner.class.getName());
    /** How often result files are looked for; cheap, so often, to keep the per-task overhead small. */
    private static final long RESULT_CHECK_MILLIS = 100;

    /**
     * What the runner needs to know, read at each submission.
     *
     * @param root           the runner's folder in the shared data folder ({@code <data>/slurm})
     * @param java           the java command on the compute nodes
     * @param options        partition, account, QOS as sbatch options (empty when not set)
     * @param arrayLimit     how many tasks of one array run at once
     * @param pollMillis     how often squeue is asked
     * @param jvmOverheadMb  what a worker's JVM needs beyond the block's heap, added to --mem
     * @param defaultMemoryMb the heap of a block that declares none
     * @param minHeapMb      the least heap a worker gets (a JVM with a few MB of heap is all garbage collection)
     * @param resultGraceMillis how long a result file may lag behind Slurm's word that the job ended (shared file
     *                       systems show files late)
     * @param requeue        whether Slurm may run a task again after its node failed ({@code --requeue}); a task
     *                       runs from its start again, with the same task file
     */
    public record Config(Path root, String java, List<String> options, int arrayLimit, long pollMillis,
                         long jvmOverheadMb, long defaultMemoryMb, long minHeapMb, long resultGraceMillis,
                         boolean requeue) {

        /**
         * A worker's heap for a block: half as much again as it declares (a declaration is the block's peak, and a
         * collector needs room above it), at least {@link #minHeapMb}.
         */
        long heapMb(org.eegworkflow.block.control.BlockSpec spec) {
            long declared = spec.memoryMb() > 0 ? spec.memoryMb() : defaultMemoryMb;
            return Math.max(minHeapMb, declared * 3 / 2);
        }
    }

    private final SlurmCommands slurm;
    private final RemoteTasks tasks;
    private final Supplier<String> classpath;
    private final Supplier<Config> config;
    private final ThreadFactory threads;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Tasks whose futures were cancelled, for the poller to scancel. */
    private final java.util.Queue<Pending> cancels = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private Thread poller;
    private volatile boolean closed;

    /**
     * @param classpath the workers' class path (the app's classes placed in the shared folder), made on first use
     */
    public SlurmRunner(SlurmCommands slurm, RemoteTasks tasks, Supplier<String> classpath, Supplier<Config> config,
                       ThreadFactory threads) {
        this.slurm = slurm;
        this.tasks = tasks;
        this.classpath = classpath;
        this.config = config;
        this.threads = threads;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean timesBlocks() {
        return true;
    }

    @Override
    public List<Future<BlockInvoker.Outcome>> start(List<Invocation> invocations,
                                                    BlockingQueue<Future<BlockInvoker.Outcome>> done) {
        Config settings = config.get();
        List<Future<BlockInvoker.Outcome>> started = new ArrayList<>();
        List<Pending> fresh = new ArrayList<>();
        for (Invocation invocation : invocations) {
            Pending pending = new Pending(invocation, done);
            started.add(pending);
            if (!attach(pending)) {
                fresh.add(pending);
            }
        }
        if (!fresh.isEmpty()) {
            try {
                submit(fresh, settings);
            } catch (Throwable t) {
                ErrorReasons.restoreInterrupt(t);
                String reason = t instanceof SlurmCommands.SlurmException
                        ? "Slurm did not take the block: " + t.getMessage()
                        : "the block could not be handed to Slurm: " + ErrorReasons.describe(t, "the server", 0);
                fresh.forEach(p -> p.completeExceptionally(new BlockFailedException(reason)));
                ErrorReasons.rethrowIfThreadDeath(t);
            }
        }
        return started;
    }

    /**
     * A task of this block (or element) an earlier attempt submitted and that has not ended, or ended with a result
     * not yet taken: waited for rather than run twice. @return whether the pending run is attached to one
     */
    private boolean attach(Pending p) {
        Invocation i = p.invocation;
        List<RemoteTask> live;
        try {
            live = tasks.live(i.rowId(), i.blockId(), i.elementKey());
        } catch (RuntimeException e) {
            return false;
        }
        for (RemoteTask earlier : live) {
            Path task = Path.of(earlier.getTaskFile());
            boolean alive = Files.exists(BlockWorker.resultOf(task));
            if (!alive) {
                try {
                    SlurmCommands.TaskState state = slurm.squeue(List.of(earlier.getRemoteId()))
                            .get(earlier.getRemoteId());
                    alive = state != null && !state.ended();
                } catch (SlurmCommands.SlurmException e) {
                    alive = false;
                }
            }
            if (alive) {
                p.attach(earlier.getRemoteId(), task, earlier.getId());
                Config settings = config.get();
                p.heapMb = settings.heapMb(i.spec());
                p.memMb = p.heapMb + settings.jvmOverheadMb();
                LOG.info("job row " + i.rowId() + " block " + i.blockId() + (i.elementKey() == null ? ""
                        : " element " + i.elementKey()) + ": waits for Slurm job " + earlier.getRemoteId()
                        + " an earlier attempt submitted");
                track(p);
                return true;
            }
            end(earlier.getId());
        }
        return false;
    }

    private void submit(List<Pending> fresh, Config settings) throws IOException, SlurmCommands.SlurmException {
        Invocation first = fresh.get(0).invocation;
        Path dir = Files.createDirectories(settings.root().resolve("jobs").resolve(Long.toString(first.rowId())))
                .resolve(first.blockId() + "-a" + first.attempt() + "-" + System.nanoTime());
        Files.createDirectories(dir);
        boolean array = first.elementKey() != null;
        long heapMb = 0;
        long limitMillis = 0;
        for (int n = 0; n < fresh.size(); n++) {
            Invocation i = fresh.get(n).invocation;
            Path task = dir.resolve("task-" + n + ".bin");
            List<WorkerTask.Step> steps = new ArrayList<>();
            heapMb = Math.max(heapMb, settings.heapMb(i.spec()));
            if (i.followers() != null) {
                for (Followers.Follower follower : i.followers().blocks()) {
                    steps.add(new WorkerTask.Step(follower.blockId(), follower.spec().module(),
                            follower.spec().className(), moduleJars(follower.spec()), follower.values(),
                            Artefacts.prefix(follower.blockId(), i.elementKey()), follower.wiring()));
                    heapMb = Math.max(heapMb, settings.heapMb(follower.spec()));
                }
            }
            new WorkerTask(i.jobId(), i.blockId(), i.elementKey(), i.spec().module(), i.spec().className(),
                    moduleJars(i.spec()), i.values(), i.filesRoot(), i.workDir(), i.valuesDir(), i.filesDir(),
                    Artefacts.prefix(i.blockId(), i.elementKey()), i.inputs(), steps).write(task, i.spec(),
                    i.codecs());
            limitMillis = Math.max(limitMillis, i.limitMillis());
        }
        Path script = dir.resolve("worker.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "# one block of job " + first.jobId() + " (row " + first.rowId() + "), block " + first.blockId()
                + ", written by the EEG Workflow System\n"
                + "exec " + quote(settings.java()) + " -Xmx" + heapMb + "m -Djava.awt.headless=true -cp "
                + quote(classpath.get()) + " " + BlockWorker.class.getName() + " "
                + quote(array ? dir.toString() : dir.resolve("task-0.bin").toString()) + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> options = new ArrayList<>();
        options.add("--job-name=eegwf-" + first.jobId() + "-" + first.blockId());
        options.add("--chdir=" + dir);
        options.add("--output=" + dir.resolve(array ? "slurm-%A_%a.out" : "slurm-%j.out"));
        options.add("--cpus-per-task=1");
        options.add("--mem=" + (heapMb + settings.jvmOverheadMb()) + "M");
        // Slurm's limit backs the engine's own (kept from the moment a task runs): it holds when no app server does
        long seconds = Math.max(60, (limitMillis + 999) / 1000 + 60);
        options.add("--time=" + (seconds / 60) + ":" + String.format("%02d", seconds % 60));
        // a task is not run again behind the engine's back unless the admin allows it for node failures
        options.add(settings.requeue() ? "--requeue" : "--no-requeue");
        if (array) {
            options.add("--array=0-" + (fresh.size() - 1) + "%" + Math.max(1, settings.arrayLimit()));
        }
        options.addAll(settings.options());
        String jobId = slurm.sbatch(options, script);
        Instant now = Instant.now();
        for (int n = 0; n < fresh.size(); n++) {
            Pending p = fresh.get(n);
            Invocation i = p.invocation;
            String remoteId = array ? jobId + "_" + n : jobId;
            Path task = dir.resolve("task-" + n + ".bin");
            RemoteTask record = new RemoteTask(i.rowId(), i.blockId(), i.elementKey(), i.attempt(), KIND, remoteId,
                    task.toString(), now);
            Long recordId = null;
            try {
                tasks.save(record);
                recordId = record.getId();
            } catch (RuntimeException e) {
                // not recorded: it runs all the same, but a take-over would submit it again
                LOG.log(Level.WARNING, "Slurm job " + remoteId + " could not be recorded", e);
            }
            p.attach(remoteId, task, recordId);
            p.logFile = dir.resolve(array ? "slurm-" + jobId + "_" + n + ".out" : "slurm-" + jobId + ".out");
            p.memMb = heapMb + settings.jvmOverheadMb();
            p.heapMb = heapMb;
            track(p);
        }
    }

    /** An uploaded module's jars (its class loader's), which the worker loads it from; none for a built-in. */
    private static List<Path> moduleJars(org.eegworkflow.block.control.BlockSpec spec) {
        ClassLoader loader = spec.constructor().getDeclaringClass().getClassLoader();
        List<Path> jars = new ArrayList<>();
        if (loader instanceof org.eegworkflow.module.control.ModuleClassLoader module) {
            for (java.net.URL url : module.getURLs()) {
                try {
                    jars.add(Path.of(url.toURI()));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("module jar " + url + " is not a file", e);
                }
            }
        }
        return jars;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private synchronized void track(Pending p) {
        pending.put(p.remoteId, p);
        if (poller == null && !closed) {
            poller = threads.newThread(this::poll);
            poller.setName("eegwf-slurm-poller");
            poller.setDaemon(true);
            poller.start();
        }
        notifyAll();
    }

    /** Stops the poller; the Slurm jobs go on, and the next app server to run their jobs attaches to them. */
    public synchronized void close() {
        cancelRequested();
        closed = true;
        if (poller != null) {
            poller.interrupt();
        }
    }

    private void poll() {
        long lastAsked = 0;
        try {
            while (!closed) {
                synchronized (this) {
                    while (pending.isEmpty() && cancels.isEmpty() && !closed) {
                        wait();
                    }
                    if (cancels.isEmpty()) {
                        wait(RESULT_CHECK_MILLIS);
                    }
                }
                cancelRequested();
                for (Pending p : List.copyOf(pending.values())) {
                    if (p.isDone()) {
                        pending.remove(p.remoteId);
                    } else if (Files.exists(p.resultFile)) {
                        take(p);
                    }
                }
                long now = System.nanoTime();
                if (!pending.isEmpty() && now - lastAsked >= config.get().pollMillis() * 1_000_000L) {
                    lastAsked = now;
                    ask();
                }
            }
        } catch (InterruptedException e) {
            // the app is going away: the tasks go on in Slurm, and a take-over attaches to them
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "the Slurm poller stopped", t);
            ErrorReasons.restoreInterrupt(t);
            synchronized (this) {
                poller = null;
            }
            pending.values().forEach(p -> p.completeExceptionally(new BlockFailedException(
                    "the server stopped watching this block's Slurm job " + p.remoteId + ": "
                            + ErrorReasons.describe(t, "the Slurm poller", 0))));
            ErrorReasons.rethrowIfThreadDeath(t);
        }
    }

    /** Cancels in Slurm the tasks whose futures were cancelled, all in one scancel. */
    private void cancelRequested() {
        List<Pending> due = new ArrayList<>();
        for (Pending p; (p = cancels.poll()) != null; ) {
            due.add(p);
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            slurm.scancel(due.stream().map(p -> p.remoteId).toList());
        } catch (SlurmCommands.SlurmException e) {
            LOG.warning("scancel: " + e.getMessage());
        }
        due.forEach(p -> end(p.recordId));
    }

    /** A task's result, read and handed to the engine. */
    private void take(Pending p) {
        Invocation i = p.invocation;
        try {
            Map<Integer, List<org.eegworkflow.block.control.PortSpec>> followerPorts = new java.util.HashMap<>();
            if (i.followers() != null) {
                i.followers().blocks().forEach(f -> followerPorts.put(f.blockId(), f.spec().outputs()));
            }
            WorkerResult result = WorkerResult.read(p.resultFile, i.spec().outputs(), i.codecs(),
                    block -> followerPorts.getOrDefault(block, List.of()));
            p.node = result.node().isEmpty() ? p.node : result.node();
            if (p.recordId != null && result.node() != null && !result.node().isEmpty()) {
                ranOn(p.recordId, result.node());
            }
            for (String line : result.stdout().split("\n")) {
                if (!line.isEmpty()) {
                    i.context().log(line);
                }
            }
            end(p.recordId);
            // the followers' outcomes first: they must be in place when this block's end makes them ready
            if (i.followers() != null) {
                for (WorkerResult.Step step : result.steps()) {
                    followerRan(p, step.blockId(), result.node());
                    i.followers().sink().accept(step.blockId(), new Followers.Outcome(step.completed()
                            ? new BlockInvoker.Outcome(step.outputs(), step.shownType() == null ? null
                            : new Artefacts.Shown(step.shownType(), step.shownValue())) : null, step.failure(),
                            step.stdout()));
                }
            }
            if (result.completed()) {
                Artefacts.Shown shown = result.shownType() == null ? null
                        : new Artefacts.Shown(result.shownType(), result.shownValue());
                p.complete(new BlockInvoker.Outcome(result.outputs(), shown));
            } else {
                p.completeExceptionally(new BlockFailedException(result.failure()));
            }
        } catch (IOException | RuntimeException e) {
            end(p.recordId);
            p.completeExceptionally(new BlockFailedException("its worker's result could not be read ("
                    + p.resultFile + "): " + e.getMessage()));
        }
        pending.remove(p.remoteId);
    }

    /** Asks Slurm about every task without a result: records nodes, keeps time limits, explains ends. */
    private void ask() {
        Set<String> jobs = new LinkedHashSet<>();
        pending.values().forEach(p -> jobs.add(p.remoteId.contains("_")
                ? p.remoteId.substring(0, p.remoteId.indexOf('_')) : p.remoteId));
        Map<String, SlurmCommands.TaskState> states;
        try {
            states = new LinkedHashMap<>(slurm.squeue(jobs));
        } catch (SlurmCommands.SlurmException e) {
            LOG.warning("squeue: " + e.getMessage());
            return;
        }
        List<String> unknown = pending.keySet().stream().filter(id -> !states.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            states.putAll(slurm.sacct(unknown));
        }
        long now = System.nanoTime();
        Config settings = config.get();
        for (Pending p : List.copyOf(pending.values())) {
            if (p.isDone()) {
                continue;
            }
            SlurmCommands.TaskState state = states.get(p.remoteId);
            if (state != null && !state.node().isEmpty() && !state.node().startsWith("(")
                    && !state.node().equals(p.node)) {
                // its node, first or again (a task requeued after its node failed starts on another)
                p.node = state.node();
                ranOn(p.recordId, p.node);
            }
            if (state != null && state.state().equals("RUNNING") && p.runningSince == 0) {
                p.runningSince = now;
            }
            if (state != null && (state.state().equals("PENDING") || state.state().equals("REQUEUED"))) {
                // waiting again (requeued after a node failure): its time limit counts from its next start
                p.runningSince = 0;
                p.endedSince = 0;
            }
            long limit = p.invocation.limitMillis();
            if (p.runningSince != 0 && limit > 0 && now - p.runningSince > limit * 1_000_000L) {
                cancelQuietly(p.remoteId);
                end(p.recordId);
                p.completeExceptionally(new BlockFailedException("timed out after " + (limit / 1000) + " s"));
                pending.remove(p.remoteId);
                continue;
            }
            if (state == null || state.ended()) {
                if (p.endedSince == 0) {
                    p.endedSince = now;
                } else if (now - p.endedSince > settings.resultGraceMillis() * 1_000_000L
                        && !Files.exists(p.resultFile)) {
                    end(p.recordId);
                    p.completeExceptionally(new BlockFailedException(reason(p, state)));
                    pending.remove(p.remoteId);
                }
            }
        }
    }

    /** Why a task ended without a result, as a person understands it. */
    String reason(Pending p, SlurmCommands.TaskState state) {
        String on = p.node == null ? "" : " on node " + p.node;
        String id = "Slurm job " + p.remoteId;
        if (state == null) {
            return id + " ended without a result, and Slurm no longer knows how (it keeps no accounting, or"
                    + " forgot the job)" + logTail(p);
        }
        String state0 = state.state();
        if (logSays(p, "Exceeded job memory limit")) {
            // without cgroups Slurm reports FAILED (JobLaunchFailure, signal 9) and says why only in the job's log
            state0 = "OUT_OF_MEMORY";
        }
        return switch (state0) {
            case "OUT_OF_MEMORY" -> "ran out of memory: Slurm stopped " + id + on + " over its --mem of " + p.memMb
                    + " MB (the block's heap " + p.heapMb + " MB and the JVM's own); declare what it needs with"
                    + " @BlockType(memoryMb)";
            case "TIMEOUT" -> "timed out: Slurm stopped " + id + on + " at its time limit";
            case "NODE_FAIL" -> "node" + (p.node == null ? "" : " " + p.node) + " failed while it ran this block ("
                    + id + ")";
            case "CANCELLED" -> id + " was cancelled in Slurm (scancel by someone, or an admin), not by a stop of"
                    + " this job";
            case "FAILED" -> "its worker failed" + on + " without a result (" + id + (state.reason().isEmpty()
                    || state.reason().equals("None") ? "" : ", " + state.reason()) + ")" + logTail(p);
            case "COMPLETED" -> "its worker ended" + on + " without writing a result (" + id + ")" + logTail(p);
            case "PREEMPTED" -> id + " was preempted" + on + " (its partition's QOS allows that) and is not requeued";
            case "BOOT_FAIL" -> "the node for " + id + " failed to boot";
            case "DEADLINE" -> id + " passed its deadline before it could run";
            default -> "Slurm ended " + id + on + " as " + state0 + " without a result" + logTail(p);
        };
    }

    /** Whether the task's Slurm output file has a line with that text. */
    private static boolean logSays(Pending p, String text) {
        if (p.logFile == null || !Files.isRegularFile(p.logFile)) {
            return false;
        }
        try (var lines = Files.lines(p.logFile, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The last lines of the task's Slurm output file (a JVM that did not start says why there). */
    private static String logTail(Pending p) {
        if (p.logFile == null || !Files.isRegularFile(p.logFile)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(p.logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return tail.isEmpty() ? "" : ": " + String.join(" | ", tail).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void cancelQuietly(String remoteId) {
        try {
            slurm.scancel(List.of(remoteId));
        } catch (SlurmCommands.SlurmException e) {
            LOG.warning("scancel " + remoteId + ": " + e.getMessage());
        }
    }

    /** A follower's run, recorded (already ended) for the job details: the same Slurm job, the same node. */
    private void followerRan(Pending p, int blockId, String node) {
        Invocation i = p.invocation;
        try {
            RemoteTask record = new RemoteTask(i.rowId(), blockId, i.elementKey(), i.attempt(), KIND, p.remoteId,
                    p.resultFile.toString(), Instant.now());
            record.setNode(node == null || node.isEmpty() ? p.node : node);
            record.setState(RemoteTask.ENDED);
            tasks.save(record);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the run of block " + blockId + " in Slurm job " + p.remoteId
                    + " could not be recorded", e);
        }
    }

    private void ranOn(Long recordId, String node) {
        if (recordId != null) {
            try {
                tasks.ranOn(recordId, node);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "the node of remote task " + recordId + " could not be recorded", e);
            }
        }
    }

    private void end(Long recordId) {
        if (recordId != null) {
            try {
                tasks.ended(recordId);
            } catch (RuntimeException e) {
                // left LIVE: a take-over finds its result and takes it again, which is harmless
                LOG.log(Level.FINE, "remote task " + recordId + " could not be marked ended", e);
            }
        }
    }

    /** One task in Slurm, as the engine waits for it; cancelling it cancels the Slurm task. */
    final class Pending extends CompletableFuture<BlockInvoker.Outcome> {
        final Invocation invocation;
        private final BlockingQueue<Future<BlockInvoker.Outcome>> done;
        volatile String remoteId;
        volatile Path resultFile;
        volatile Long recordId;
        volatile Path logFile;
        volatile String node;
        volatile long runningSince;
        volatile long endedSince;
        long memMb;
        long heapMb;

        Pending(Invocation invocation, BlockingQueue<Future<BlockInvoker.Outcome>> done) {
            this.invocation = invocation;
            this.done = done;
            whenComplete((outcome, failure) -> {
                if (this.done != null) {
                    this.done.add(this);
                }
            });
        }

        void attach(String remoteId, Path task, Long recordId) {
            this.remoteId = remoteId;
            this.resultFile = BlockWorker.resultOf(task);
            this.recordId = recordId;
            if (logFile == null) {
                String base = remoteId.contains("_") ? remoteId.substring(0, remoteId.indexOf('_')) : remoteId;
                String index = remoteId.contains("_") ? remoteId.substring(remoteId.indexOf('_') + 1) : null;
                logFile = task.resolveSibling(index == null ? "slurm-" + base + ".out"
                        : "slurm-" + base + "_" + index + ".out");
            }
        }

        /**
         * Cancels the wait at once and leaves {@code scancel} to the poller: a stop cancels its run's futures while it
         * holds the run's lock, where a command and a database write would keep the run's threads waiting.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && remoteId != null) {
                pending.remove(remoteId);
                cancels.add(this);
                synchronized (SlurmRunner.this) {
                    SlurmRunner.this.notifyAll();
                }
            }
            return cancelled;
        }
    }
}
