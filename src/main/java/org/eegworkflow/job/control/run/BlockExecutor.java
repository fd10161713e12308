package org.eegworkflow.job.control.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.job.control.executor.BlockExecution;
import org.eegworkflow.job.control.executor.Followers;
import org.eegworkflow.job.control.executor.Invocation;
import org.eegworkflow.job.control.executor.LocalExecution;
import org.eegworkflow.job.control.executor.SlurmExecution;
import org.eegworkflow.job.control.events.JobEvent;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.store.JobFolders;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.workflow.control.Mapping;
import org.eegworkflow.worker.WorkerTask;

/**
 * Takes ready blocks from a run and executes them, up to the run's number of workers at once, storing each result as
 * it finishes. Each block runs on a thread of its own while its worker waits for it with the block time limit, so a block that hangs
 * or ignores interruption fails on time and never keeps its job from ending.
 */
@ApplicationScoped
public class BlockExecutor {
    private static final Logger LOG = Logger.getLogger(BlockExecutor.class.getName());

    @Inject
    JobStore store;

    @Inject
    JobFolders folders;

    @Inject
    JobEvents events;

    @Inject
    Settings settings;

    @Inject
    DatabaseRetry retry;

    /** The result cache across jobs; null in tests that wire the executor by hand without one. */
    @Inject
    ResultCache cache;

    /** The Slurm executor; null in tests that wire the executor by hand without one. */
    @Inject
    SlurmExecution slurm;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService blockThreads;

    private final LocalExecution local = new LocalExecution(this::blockThreads);

    /** Where a block runs: Slurm when the setting says so and its values can travel as files, else here. */
    private BlockExecution executionOf(WorkflowRun run, BlockSpec spec) {
        if (slurm != null && run.codecs() != null && slurm.takes(spec) && WorkerTask.passable(spec, run.codecs())) {
            return slurm;
        }
        return local;
    }

    private Invocation invocation(WorkflowRun run, int blockId, String key, Map<String, List<Object>> inputs,
                                  BlockContext context) {
        long rowId = run.rowId();
        return new Invocation(rowId, run.jobId(), blockId, key, run.attempt(), run.spec(blockId),
                run.workflow().block(blockId).values(), inputs, context, run.filesRoot(), folders.work(rowId),
                folders.values(rowId), folders.files(rowId), run.codecs(), settings.blockTimeout().toMillis());
    }

    private synchronized ExecutorService blockThreads() {
        if (blockThreads == null) {
            blockThreads = Executors.newCachedThreadPool(threadFactory);
        }
        return blockThreads;
    }

    @PreDestroy
    synchronized void shutdown() {
        if (blockThreads != null) {
            blockThreads.shutdownNow();
        }
    }

    /**
     * Runs the job's blocks with {@link WorkflowRun#workers()} workers, the calling batch thread being one of them, and
     * returns once every worker has stopped taking blocks. The other workers are threads of the app's own, not
     * partitions of the batch step: a partition costs the batch runtime a sub-job with a dozen repository writes of
     * its own, which on Payara took longer than the blocks of a small workflow (src/docs/benchmarks-engine.md).
     * Whatever ends a worker outside a block (an Error), the job still ends: FAILED with the reason.
     *
     * @throws InterruptedException when the calling thread was interrupted: the run is cancelled, its blocks stop,
     *                              and the other workers are waited for first
     */
    public void run(WorkflowRun run) throws InterruptedException {
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < run.workers(); i++) {
            try {
                others.add(blockThreads().submit(() -> {
                    try {
                        work(run);
                    } catch (InterruptedException e) {
                        // the app is going away (its pool shut down): the run stops, as when a block is interrupted
                        run.cancel();
                    }
                }));
            } catch (Throwable t) {
                // no thread for one more worker (no native thread, the pool shut down): the job runs with fewer
                LOG.log(Level.WARNING, "job row " + run.rowId() + " runs with " + (others.size() + 1)
                        + " workers of " + run.workers(), t);
                ErrorReasons.restoreInterrupt(t);
                ErrorReasons.rethrowIfThreadDeath(t);
                break;
            }
        }
        boolean interrupted = false;
        try {
            work(run);
        } catch (InterruptedException e) {
            run.cancel();
            interrupted = true;
        }
        for (Future<?> other : others) {
            // a cancelled run ends its workers at once (their blocks' futures are cancelled, not awaited)
            while (true) {
                try {
                    other.get();
                    break;
                } catch (InterruptedException e) {
                    run.cancel();
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            throw new InterruptedException("job row " + run.rowId() + " was interrupted");
        }
    }

    /** One worker: drains the run; an Error outside any block ends the job FAILED instead of leaving it waiting. */
    private void work(WorkflowRun run) throws InterruptedException {
        try {
            drain(run);
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable t) {
            // this worker cannot go on: the job must still end, FAILED with the reason, not wait for its blocks
            ErrorReasons.restoreInterrupt(t);
            run.abort("the server could not go on with this job: "
                    + ErrorReasons.describe(t, "a worker of the job", 0));
            ErrorReasons.rethrowIfThreadDeath(t);
        }
    }

    /**
     * Runs blocks until the run has none left for this worker. Whatever a block or the engine's work on it throws, the
     * block ends (FAILED with a reason) and the worker goes on with the next: a worker that died would leave its
     * block running for good, and the job with it.
     */
    public void drain(WorkflowRun run) throws InterruptedException {
        Integer block;
        while ((block = run.take()) != null) {
            try {
                execute(run, block);
            } catch (Throwable t) {
                // execute ends its block itself; this is for what went wrong while it did (an Error in the middle)
                LOG.log(Level.SEVERE, "block " + block + " of job row " + run.rowId() + " could not be ended", t);
                ErrorReasons.restoreInterrupt(t);
                if (run.isRunning(block)) {
                    // left running: its end is not known, so the job cannot end well; it ends FAILED, saying why
                    String reason = engineReason(t, run, block);
                    run.failed(block, reason);
                    run.abort("the server could not end block " + block + " normally: " + reason);
                }
                ErrorReasons.rethrowIfThreadDeath(t);
            }
        }
    }

    private void execute(WorkflowRun run, int blockId) {
        if (run.mapping().isMapped(blockId)) {
            executeMapped(run, blockId);
            return;
        }
        long rowId = run.rowId();
        Instant started = run.startOf(blockId);
        events.publish(rowId, new JobEvent.BlockStarted(blockId, run.attempt()));
        Context context = new Context(folders.work(rowId), folders.values(rowId), run,
                fraction -> events.publish(rowId, new JobEvent.BlockProgress(blockId, fraction)));
        Map<String, String> upstreamFailed = run.mapping().any() ? run.failedElementsFeeding(blockId) : Map.of();
        if (!upstreamFailed.isEmpty()) {
            // a group result over the elements that happened to succeed would pass for the whole study's
            run.inputsOf(blockId);
            fail(run, blockId, context, started, "not run: " + upstreamFailed.size() + " element"
                    + (upstreamFailed.size() == 1 ? "" : "s") + " it gathers failed upstream ("
                    + String.join(", ", upstreamFailed.keySet()) + ")");
            return;
        }
        ResultCache.Lookup cached = cache == null ? null : cache.lookup(run, blockId, null);
        if (cached != null && cached.hit()) {
            reuse(run, blockId, started, cached);
            return;
        }
        String ranBecause = cached == null ? null : cached.ranBecause();
        Duration limit = settings.blockTimeout();
        Future<BlockInvoker.Outcome> task;
        BlockExecution execution = executionOf(run, run.spec(blockId));
        try {
            Map<String, List<Object>> inputs = run.inputsOf(blockId);
            task = execution.start(List.of(invocation(run, blockId, null, inputs, context)), null).get(0);
        } catch (Throwable t) {
            // no thread for the block (an OutOfMemoryError "unable to create native thread", a pool shut down)
            LOG.log(Level.SEVERE, "block " + blockId + " of job row " + rowId + " could not be started", t);
            ErrorReasons.restoreInterrupt(t);
            fail(run, blockId, context, started, ErrorReasons.describe(t, "the server starting this block",
                    run.spec(blockId).memoryMb()));
            ErrorReasons.rethrowIfThreadDeath(t);
            return;
        }
        run.track(task);
        BlockInvoker.Outcome outcome;
        try {
            // an executor that keeps the limit itself counts it from the block's start, not from a queue's
            outcome = execution.timesBlocks() ? task.get() : task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (run.isCancelled()) {
                stopped(run, blockId, context, started);
                return;
            }
            String reason = cause instanceof BlockFailedException ? cause.getMessage()
                    : ErrorReasons.describe(cause, "this block", run.spec(blockId).memoryMb());
            LOG.log(Level.FINE, "block " + blockId + " of job row " + rowId + " failed", cause);
            fail(run, blockId, context, started, reason);
            return;
        } catch (TimeoutException e) {
            task.cancel(true);
            fail(run, blockId, context, started, "timed out after " + limit.toSeconds() + " s");
            return;
        } catch (CancellationException e) {
            stopped(run, blockId, context, started);
            return;
        } catch (InterruptedException e) {
            task.cancel(true);
            run.cancel();
            stopped(run, blockId, context, started);
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable t) {
            // an Error on this thread while it waited: the block is given up, not left running unwatched
            task.cancel(true);
            ErrorReasons.restoreInterrupt(t);
            fail(run, blockId, context, started, ErrorReasons.describe(t, "the server waiting for this block",
                    run.spec(blockId).memoryMb()));
            ErrorReasons.rethrowIfThreadDeath(t);
            return;
        } finally {
            run.untrack(task);
        }
        Artefacts.Shown shown;
        Map<String, String> unmade = unmadeElements(outcome.outputs());
        try {
            shown = Artefacts.store(outcome.shown(), blockId, folders.files(rowId));
            if (unmade.isEmpty()) {
                run.checkpoint(blockId, outcome.outputs());
            } else {
                // a collection with elements it could not make: each is listed, and a restart makes it again
                madeElements(run, blockId, outcome.outputs(), unmade, started);
            }
            Instant ended = Instant.now();
            Artefacts.Shown stored = shown;
            BlockStatus status = unmade.isEmpty() ? BlockStatus.COMPLETED : BlockStatus.FAILED;
            String stderr = unmade.entrySet().stream().limit(20).map(e -> e.getKey() + ": " + e.getValue())
                    .collect(java.util.stream.Collectors.joining("\n"));
            // a new entity for each attempt: a rolled-back persist leaves its id on the old one
            retry.run("the result of block " + blockId + " of job row " + rowId, () -> store.saveResult(
                    new BlockRun(rowId, blockId, run.attempt(), status,
                            stored == null ? null : stored.type(), stored == null ? null : stored.value(),
                            context.stdout(), stderr, started, ended).ranBecause(ranBecause)));
            if (cache != null && unmade.isEmpty()) {
                // a collection with elements it could not make is no result to reuse: it must be made again
                cache.store(run, blockId, null, outcome.outputs(), shown);
            }
        } catch (Throwable e) {
            // the engine's own fault (disk, database, a codec, no memory for the checkpoint): the block must still
            // end, never stay RUNNING; its values are let go first, so the heap has room for the failure's writes
            outcome = null;
            ErrorReasons.restoreInterrupt(e);
            if (DatabaseFailures.isUnavailable(e)) {
                lost(run, blockId, e);
                return;
            }
            LOG.log(Level.SEVERE, "block " + blockId + " of job row " + rowId + " could not be stored", e);
            fail(run, blockId, context, started, engineReason(e, run, blockId));
            ErrorReasons.rethrowIfThreadDeath(e);
            return;
        }
        try {
            events.publish(rowId, unmade.isEmpty() ? blockEvent(blockId, BlockStatus.COMPLETED, shown, "",
                    run.attempt()) : blockEvent(blockId, BlockStatus.FAILED, shown, unmade.size() + " element"
                    + (unmade.size() == 1 ? "" : "s") + " could not be made", run.attempt()));
        } finally {
            // stored: whatever the event did, the block is done and what depends on it may run
            run.completedWithFailures(blockId, outcome.outputs(), unmade);
        }
    }

    /** The elements a block's collections could not make, by key, with the reason (none for most blocks). */
    private static Map<String, String> unmadeElements(Map<String, Object> outputs) {
        Map<String, String> unmade = new LinkedHashMap<>();
        for (Object value : outputs.values()) {
            if (value instanceof Elements<?> collection) {
                collection.failures().forEach(failure -> unmade.putIfAbsent(failure.key(), failure.reason()));
            }
        }
        return unmade;
    }

    /** The elements of a collection-making block that could not make them all: one result per element. */
    private void madeElements(WorkflowRun run, int blockId, Map<String, Object> outputs, Map<String, String> unmade,
                              Instant started) {
        Instant now = Instant.now();
        java.util.Set<String> made = new java.util.LinkedHashSet<>();
        for (Object value : outputs.values()) {
            if (value instanceof Elements<?> collection) {
                collection.forEach(element -> made.add(element.key()));
            }
        }
        for (String key : made) {
            saveElement(run, new ElementRun(run.rowId(), blockId, key, run.attempt(), BlockStatus.COMPLETED, null,
                    null, "", "", started, now));
        }
        unmade.forEach((key, reason) -> saveElement(run, new ElementRun(run.rowId(), blockId, key, run.attempt(),
                BlockStatus.FAILED, null, null, "", reason, started, now)));
    }

    /**
     * A block that runs once per element of its collection: each element through the SDK contract on a thread of its
     * own with the block time limit, as many side by side as the run's workers and memory allow; each element's
     * result is stored (and checkpointed) the moment it ends. An element that fails fails only itself and the same
     * element downstream; the block's outputs are collections of the elements that completed, under their keys.
     */
    private void executeMapped(WorkflowRun run, int blockId) {
        long rowId = run.rowId();
        BlockSpec spec = run.spec(blockId);
        Instant started = run.startOf(blockId);
        events.publish(rowId, new JobEvent.BlockStarted(blockId, run.attempt()));
        Context blockContext = new Context(folders.work(rowId), folders.values(rowId), run, fraction -> { });
        Map<String, Map<String, String>> elements = run.elementsFor(blockId);
        Map<String, Map<String, Object>> done = new LinkedHashMap<>();
        Map<String, String> failedKeys = new LinkedHashMap<>();
        int reusedCount = 0;
        Map<String, ResultCache.Lookup> fromCache = new LinkedHashMap<>();
        Map<String, String> ranBecause = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        Map<String, Followers.Outcome> aheadOf = new HashMap<>();
        Followers.Outcome ahead;
        Map<String, List<Object>> inputs;
        try {
            inputs = run.inputsOf(blockId);
            for (String key : elements.keySet()) {
                Map<String, Object> reused = run.reusedElement(blockId, key);
                if (reused != null) {
                    done.put(key, reused);
                    reusedCount++;
                } else if (elementInputs(spec, inputs, key) == null) {
                    String reason = "not run: upstream block " + upstreamOf(run, blockId)
                            + " failed for this element";
                    failedKeys.put(key, reason);
                    saveElement(run, new ElementRun(rowId, blockId, key, run.attempt(), BlockStatus.FAILED, null,
                            null, "", reason, null, Instant.now()));
                } else if ((ahead = run.takePrefetched(blockId, key)) != null) {
                    // it ran already, in the worker of an element of an upstream block: taken as if it ran now
                    aheadOf.put(key, ahead);
                    todo.add(key);
                } else {
                    ResultCache.Lookup cached = cache == null ? null : cache.lookup(run, blockId, key);
                    if (cached != null && cached.hit()) {
                        reuseElement(run, blockId, key, cached);
                        done.put(key, cached.outputs());
                        fromCache.putIfAbsent(key, cached);
                    } else {
                        todo.add(key);
                        if (cached != null && cached.ranBecause() != null) {
                            ranBecause.put(key, cached.ranBecause());
                        }
                    }
                }
            }
        } catch (Throwable t) {
            ErrorReasons.restoreInterrupt(t);
            fail(run, blockId, blockContext, started, engineReason(t, run, blockId));
            ErrorReasons.rethrowIfThreadDeath(t);
            return;
        }
        int total = elements.size();
        BlockExecution execution = executionOf(run, spec);
        // a remote executor takes every element at once (one Slurm job array); its scheduler decides how many run
        int slots = execution == local ? run.elementSlots(blockId, todo.size()) : Math.max(1, todo.size());
        List<Followers.Follower> followers = execution == local ? List.of() : followersOf(run, blockId);
        Duration limit = settings.blockTimeout();
        java.util.concurrent.BlockingQueue<Future<BlockInvoker.Outcome>> completion =
                new java.util.concurrent.LinkedBlockingQueue<>();
        Map<Future<BlockInvoker.Outcome>, ElementTask> inFlight = new HashMap<>();
        boolean stopped = false;
        try {
            while ((!todo.isEmpty() || !inFlight.isEmpty()) && !stopped) {
                List<Invocation> batch = new ArrayList<>();
                List<ElementTask> batchTasks = new ArrayList<>();
                while (inFlight.size() + batch.size() < slots && !todo.isEmpty() && !run.isCancelled()) {
                    String key = todo.poll();
                    Context context = new Context(folders.work(rowId), folders.values(rowId), run, fraction -> { });
                    Followers.Outcome ran = aheadOf.remove(key);
                    if (ran != null) {
                        ran.stdout().lines().forEach(context::log);
                        java.util.concurrent.CompletableFuture<BlockInvoker.Outcome> known =
                                new java.util.concurrent.CompletableFuture<>();
                        if (ran.outcome() != null) {
                            known.complete(ran.outcome());
                        } else {
                            known.completeExceptionally(new BlockFailedException(ran.failure()));
                        }
                        inFlight.put(known, new ElementTask(key, context, Instant.now(), Long.MAX_VALUE));
                        completion.add(known);
                        continue;
                    }
                    Map<String, List<Object>> own = elementInputs(spec, inputs, key);
                    Invocation invocation = invocation(run, blockId, key, own, context);
                    if (!followers.isEmpty()) {
                        invocation = invocation.withFollowers(new Followers(followers,
                                (follower, outcome) -> run.prefetch(follower, key, outcome)));
                    }
                    batch.add(invocation);
                    batchTasks.add(new ElementTask(key, context, Instant.now(), execution.timesBlocks()
                            ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos()));
                }
                if (!batch.isEmpty()) {
                    List<Future<BlockInvoker.Outcome>> begun = execution.start(batch, completion);
                    for (int n = 0; n < begun.size(); n++) {
                        run.track(begun.get(n));
                        inFlight.put(begun.get(n), batchTasks.get(n));
                    }
                }
                if (run.isCancelled()) {
                    stopped = true;
                    break;
                }
                long now = System.nanoTime();
                long wait = Math.min(inFlight.values().stream().mapToLong(ElementTask::deadline).min().orElse(now)
                        - now, TimeUnit.SECONDS.toNanos(1));
                Future<BlockInvoker.Outcome> finished = completion.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (finished == null) {
                    long late = System.nanoTime();
                    for (var it = inFlight.entrySet().iterator(); it.hasNext(); ) {
                        var entry = it.next();
                        if (entry.getValue().deadline() <= late) {
                            entry.getKey().cancel(true);
                            run.untrack(entry.getKey());
                            it.remove();
                            elementFailed(run, blockId, entry.getValue(), failedKeys,
                                    "timed out after " + limit.toSeconds() + " s");
                        }
                    }
                    continue;
                }
                ElementTask element = inFlight.remove(finished);
                if (element == null) {
                    // one the deadline already settled
                    continue;
                }
                run.untrack(finished);
                BlockInvoker.Outcome outcome;
                try {
                    outcome = finished.get();
                } catch (CancellationException e) {
                    stopped = true;
                    break;
                } catch (ExecutionException e) {
                    if (run.isCancelled()) {
                        stopped = true;
                        break;
                    }
                    Throwable cause = e.getCause();
                    elementFailed(run, blockId, element, failedKeys, cause instanceof BlockFailedException
                            ? cause.getMessage() : ErrorReasons.describe(cause, "this block", spec.memoryMb()));
                    continue;
                }
                try {
                    Artefacts.Shown shown = Artefacts.store(outcome.shown(), blockId, element.key(),
                            folders.files(rowId));
                    run.checkpointElement(blockId, element.key(), outcome.outputs());
                    saveElement(run, new ElementRun(rowId, blockId, element.key(), run.attempt(),
                            BlockStatus.COMPLETED, shown == null ? null : shown.type(),
                            shown == null ? null : shown.value(), element.context().stdout(), "", element.started(),
                            Instant.now()).ranBecause(ranBecause.get(element.key())));
                    done.put(element.key(), outcome.outputs());
                    if (cache != null) {
                        cache.store(run, blockId, element.key(), outcome.outputs(), shown);
                    }
                } catch (Throwable t) {
                    ErrorReasons.restoreInterrupt(t);
                    if (DatabaseFailures.isUnavailable(t)) {
                        run.resultsLost();
                    }
                    elementFailed(run, blockId, element, failedKeys, engineReason(t, run, blockId));
                    ErrorReasons.rethrowIfThreadDeath(t);
                }
                events.publish(rowId, new JobEvent.BlockProgress(blockId,
                        (double) (done.size() + failedKeys.size()) / Math.max(1, total)));
            }
        } catch (InterruptedException e) {
            run.cancel();
            stopped = true;
            Thread.currentThread().interrupt();
        } finally {
            if (stopped || !inFlight.isEmpty()) {
                inFlight.keySet().forEach(task -> {
                    task.cancel(true);
                    run.untrack(task);
                });
            }
        }
        if (stopped || run.isCancelled()) {
            stopped(run, blockId, blockContext, started);
            return;
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (PortSpec output : spec.outputs()) {
            Elements.Builder<Object> collection = Elements.builder();
            for (Map.Entry<String, Map<String, String>> element : elements.entrySet()) {
                Map<String, Object> values = done.get(element.getKey());
                if (values != null) {
                    collection.add(element.getKey(), element.getValue(), values.get(output.name()));
                }
            }
            outputs.put(output.name(), collection.build());
        }
        String summary = done.size() + " of " + total + " element" + (total == 1 ? "" : "s") + " completed"
                + (reusedCount > 0 ? " (" + reusedCount + " reused from an earlier attempt)" : "")
                + (fromCache.isEmpty() ? "" : " (" + fromCache.size() + " reused from earlier jobs)")
                + (failedKeys.isEmpty() ? "" : ", " + failedKeys.size() + " failed");
        String stderr = failedKeys.entrySet().stream().limit(20).map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("\n"));
        BlockStatus status = failedKeys.isEmpty() ? BlockStatus.COMPLETED : BlockStatus.FAILED;
        Artefacts.Shown shown = new Artefacts.Shown(Artefacts.STRING, summary);
        try {
            if (failedKeys.isEmpty()) {
                run.checkpoint(blockId, outputs);
            }
            // every element taken from the cache: the block as a whole was reused (from its first element's job)
            ResultCache.Lookup first = fromCache.size() == total && total > 0
                    ? fromCache.values().iterator().next() : null;
            String why = ranBecause.isEmpty() ? null : ranBecause.size() + " of " + total + " element"
                    + (total == 1 ? "" : "s") + " ran; element " + ranBecause.keySet().iterator().next() + ": "
                    + ranBecause.values().iterator().next();
            retry.run("the result of block " + blockId + " of job row " + rowId, () -> {
                BlockRun result = new BlockRun(rowId, blockId, run.attempt(), status, shown.type(), shown.value(),
                        blockContext.stdout(), stderr, started, Instant.now()).ranBecause(why);
                store.saveResult(first == null ? result : result.reusedFrom(first.fromJob(), first.fromBlock()));
            });
        } catch (Throwable e) {
            ErrorReasons.restoreInterrupt(e);
            if (DatabaseFailures.isUnavailable(e)) {
                lost(run, blockId, e);
                return;
            }
            LOG.log(Level.SEVERE, "block " + blockId + " of job row " + rowId + " could not be stored", e);
            fail(run, blockId, blockContext, started, engineReason(e, run, blockId));
            ErrorReasons.rethrowIfThreadDeath(e);
            return;
        }
        try {
            events.publish(rowId, blockEvent(blockId, status, shown, stderr, run.attempt()));
        } finally {
            run.completedWithFailures(blockId, outputs, failedKeys);
        }
    }

    /**
     * A block whose result the cache had: stored, checkpointed and announced as if it had run, with where it came
     * from; what depends on it runs as usual.
     */
    private void reuse(WorkflowRun run, int blockId, Instant started, ResultCache.Lookup hit) {
        long rowId = run.rowId();
        run.inputsOf(blockId);
        try {
            run.checkpoint(blockId, hit.outputs());
            Artefacts.Shown shown = hit.shown();
            retry.run("the result of block " + blockId + " of job row " + rowId, () -> store.saveResult(
                    new BlockRun(rowId, blockId, run.attempt(), BlockStatus.COMPLETED,
                            shown == null ? null : shown.type(), shown == null ? null : shown.value(), "", "",
                            started, Instant.now()).reusedFrom(hit.fromJob(), hit.fromBlock())));
        } catch (Throwable e) {
            ErrorReasons.restoreInterrupt(e);
            if (DatabaseFailures.isUnavailable(e)) {
                lost(run, blockId, e);
                return;
            }
            LOG.log(Level.SEVERE, "block " + blockId + " of job row " + rowId + " could not be stored", e);
            fail(run, blockId, new Context(folders.work(rowId), folders.values(rowId), run, f -> { }), started,
                    engineReason(e, run, blockId));
            ErrorReasons.rethrowIfThreadDeath(e);
            return;
        }
        try {
            events.publish(rowId, blockEvent(blockId, BlockStatus.COMPLETED, hit.shown(), "", run.attempt()));
        } finally {
            run.completed(blockId, hit.outputs());
        }
    }

    /** One element whose result the cache had: stored, checkpointed and announced as if it had run. */
    private void reuseElement(WorkflowRun run, int blockId, String key, ResultCache.Lookup hit) throws IOException {
        Instant now = Instant.now();
        Artefacts.Shown shown = hit.shown();
        run.checkpointElement(blockId, key, hit.outputs());
        saveElement(run, new ElementRun(run.rowId(), blockId, key, run.attempt(), BlockStatus.COMPLETED,
                shown == null ? null : shown.type(), shown == null ? null : shown.value(), "", "", now, now)
                .reusedFrom(hit.fromJob(), hit.fromBlock()));
    }

    /** One element of a mapped block while it runs. */
    private record ElementTask(String key, Context context, Instant started, long deadline) {
    }

    /**
     * The values one element of a mapped block receives: each collection's value under the key, single values as
     * they are, whole collections on inputs that gather.
     *
     * @return null when a collection lacks the key (that element failed upstream)
     */
    private static Map<String, List<Object>> elementInputs(BlockSpec spec, Map<String, List<Object>> inputs,
                                                           String key) {
        Map<String, List<Object>> own = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> input : inputs.entrySet()) {
            boolean gathers = spec.input(input.getKey()).map(PortSpec::gathers).orElse(false);
            List<Object> values = new ArrayList<>();
            for (Object value : input.getValue()) {
                if (!gathers && value instanceof Elements<?> collection) {
                    Elements.Element<?> element = collection.get(key);
                    if (element == null) {
                        return null;
                    }
                    values.add(element.value());
                } else {
                    values.add(value);
                }
            }
            own.put(input.getKey(), values);
        }
        return own;
    }

    /**
     * The mapped blocks a remote executor runs with each element of {@code head}, in the same worker: those over the
     * same collection whose every input comes from the head or from another of them (so one element's chain needs
     * nothing from outside its worker), that gather nothing, that this run has not yet settled, and that the same
     * executor takes; in dependency order.
     */
    private List<Followers.Follower> followersOf(WorkflowRun run, int head) {
        Mapping mapping = run.mapping();
        Integer origin = mapping.originOf(head);
        java.util.LinkedHashSet<Integer> group = new java.util.LinkedHashSet<>(List.of(head));
        List<Followers.Follower> followers = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (org.eegworkflow.workflow.entity.Edge edge : run.workflow().edges()) {
                int next = edge.to();
                if (!group.contains(edge.from()) || group.contains(next) || !mapping.isMapped(next)
                        || !origin.equals(mapping.originOf(next)) || run.reused().contains(next)) {
                    continue;
                }
                BlockSpec spec = run.spec(next);
                List<WorkerTask.Wire> wiring = new ArrayList<>();
                boolean inside = true;
                for (org.eegworkflow.workflow.entity.Edge in : run.workflow().edges()) {
                    if (in.to() == next) {
                        inside &= group.contains(in.from())
                                && !spec.input(in.input()).map(PortSpec::gathers).orElse(true);
                        wiring.add(new WorkerTask.Wire(in.input(), in.from(), in.output()));
                    }
                }
                if (inside && executionOf(run, spec) != local) {
                    group.add(next);
                    followers.add(new Followers.Follower(next, spec, run.workflow().block(next).values(),
                            List.copyOf(wiring)));
                    grew = true;
                }
            }
        }
        return followers;
    }

    /** The upstream block whose collection lacks the element, for the reason a person reads. */
    private static String upstreamOf(WorkflowRun run, int blockId) {
        for (org.eegworkflow.workflow.entity.Edge edge : run.workflow().edges()) {
            if (edge.to() == blockId && run.carriesCollection(edge)) {
                return Integer.toString(edge.from());
            }
        }
        return "?";
    }

    private void elementFailed(WorkflowRun run, int blockId, ElementTask element, Map<String, String> failedKeys,
                               String reason) {
        failedKeys.put(element.key(), reason);
        saveElement(run, new ElementRun(run.rowId(), blockId, element.key(), run.attempt(), BlockStatus.FAILED, null,
                null, element.context().stdout(), reason, element.started(), Instant.now()));
    }

    /** Stores an element's end and tells the followers; a result that cannot be stored makes the job end FAILED. */
    private void saveElement(WorkflowRun run, ElementRun result) {
        try {
            retry.run("the result of an element of block " + result.getBlockId() + " of job row " + run.rowId(),
                    () -> store.saveElement(result));
        } catch (Throwable e) {
            unstored(run, result.getBlockId(), "element " + result.getElementKey(), e);
        }
        events.publish(run.rowId(), JobEvent.ElementEnded.of(result));
    }

    /** Why the engine could not finish a block's result, for its stderr. */
    private static String engineReason(Throwable e, WorkflowRun run, int blockId) {
        if (e instanceof IOException || e instanceof RuntimeException) {
            return "the server could not store this block's result: " + e.getMessage();
        }
        return ErrorReasons.describe(e, "storing this block's result (its outputs' checkpoint for a restart)",
                run.spec(blockId).memoryMb());
    }

    /**
     * The database stayed away longer than the engine retries: the block ends without a stored result (a restart runs
     * it again), and what depends on it does not run; the job will end FAILED, to be restarted.
     */
    private void lost(WorkflowRun run, int blockId, Throwable e) {
        LOG.warning("block " + blockId + " of job row " + run.rowId()
                + ": its result could not be stored, the database is unavailable: " + e);
        run.resultsLost();
        run.failed(blockId);
        events.publish(run.rowId(), blockEvent(blockId, BlockStatus.FAILED, null,
                DatabaseFailures.UNAVAILABLE, run.attempt()));
    }

    private void stopped(WorkflowRun run, int blockId, Context context, Instant started) {
        String reason = "stopped before it finished";
        Instant ended = Instant.now();
        try {
            retry.run("the STOPPED result of block " + blockId + " of job row " + run.rowId(),
                    () -> store.saveResult(new BlockRun(run.rowId(), blockId, run.attempt(), BlockStatus.STOPPED,
                            null, null, context.stdout(), reason, started, ended)));
        } catch (Throwable e) {
            unstored(run, blockId, "STOPPED", e);
        } finally {
            run.abandoned(blockId);
        }
        events.publish(run.rowId(), blockEvent(blockId, BlockStatus.STOPPED, null, reason, run.attempt()));
    }

    /**
     * A block's end could not be stored: while the database is away the job ends FAILED to be restarted; for
     * anything else (an Error included) the job ends FAILED with the reason. Never throws: the block is settled.
     */
    private static void unstored(WorkflowRun run, int blockId, String what, Throwable e) {
        ErrorReasons.restoreInterrupt(e);
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warning("block " + blockId + " of job row " + run.rowId() + ": its " + what
                    + " result could not be stored, the database is unavailable: " + e);
            run.resultsLost();
            return;
        }
        LOG.log(Level.SEVERE, "block " + blockId + " of job row " + run.rowId() + ": its " + what
                + " result could not be stored", e);
        run.abort("the server could not store the " + what + " result of block " + blockId + ": "
                + ErrorReasons.describe(e, "storing it", 0));
    }

    private void fail(WorkflowRun run, int blockId, Context context, Instant started, String reason) {
        long rowId = run.rowId();
        Instant now = Instant.now();
        List<Integer> notRun = run.failed(blockId, reason);
        String upstream = "not run: upstream block " + blockId + " failed";
        java.util.function.Supplier<List<BlockRun>> results = () -> {
            List<BlockRun> list = new ArrayList<>();
            list.add(new BlockRun(rowId, blockId, run.attempt(), BlockStatus.FAILED, null, null, context.stdout(),
                    reason, started, now));
            for (int skipped : notRun) {
                list.add(new BlockRun(rowId, skipped, run.attempt(), BlockStatus.FAILED, null, null, "", upstream,
                        null, now));
            }
            return list;
        };
        try {
            // new entities for each attempt: a rolled-back persist leaves its id on the old ones
            retry.run("the failed results of block " + blockId + " of job row " + rowId,
                    () -> store.saveResults(results.get()));
        } catch (Throwable e) {
            unstored(run, blockId, "FAILED", e);
        }
        events.publish(rowId, blockEvent(blockId, BlockStatus.FAILED, null, reason, run.attempt()));
        for (int skipped : notRun) {
            events.publish(rowId, blockEvent(skipped, BlockStatus.FAILED, null, upstream, run.attempt()));
        }
    }

    /** A block's end, as its result is stored. */
    static JobEvent blockEvent(int blockId, BlockStatus status, Artefacts.Shown shown, String stderr, int attempt) {
        return new JobEvent.BlockEnded(blockId, status, attempt, shown == null ? null : shown.type(),
                shown == null ? null : shown.value(), stderr);
    }

    /** What a running block sees of the engine. */
    private static final class Context implements BlockContext {
        private final Path dir;
        private final Path values;
        private final WorkflowRun run;
        private final StringBuilder stdout = new StringBuilder();
        private final java.util.function.DoubleConsumer progress;

        Context(Path dir, Path values, WorkflowRun run, java.util.function.DoubleConsumer progress) {
            this.dir = dir;
            this.values = values;
            this.run = run;
            this.progress = progress;
        }

        @Override
        public void progress(double fraction) {
            if (Double.isFinite(fraction)) {
                progress.accept(fraction);
            }
        }

        @Override
        public Path workingDirectory() {
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the job folder " + dir, e);
            }
        }

        /** In the job's checkpoint folder, which outlives the run: the samples are the block's checkpoint. */
        @Override
        public org.eegworkflow.sdk.Samples.Writer newSamples(int rows, long columns) {
            return org.eegworkflow.sdk.Samples.writer(values, rows, columns);
        }

        @Override
        public synchronized void log(String line) {
            stdout.append(line).append('\n');
        }

        @Override
        public boolean isCancelled() {
            return run.isCancelled() || Thread.currentThread().isInterrupted();
        }

        @Override
        public String jobId() {
            return run.jobId();
        }

        synchronized String stdout() {
            return stdout.toString();
        }
    }
}
