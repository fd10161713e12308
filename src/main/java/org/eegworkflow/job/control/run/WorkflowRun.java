package org.eegworkflow.job.control.run;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.workflow.control.Dag;
import org.eegworkflow.workflow.control.Mapping;
import org.eegworkflow.workflow.control.WorkflowPlan;
import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * The live state of one running job, shared by the workers that execute it: which blocks are ready, which run,
 * and the values finished blocks produced. Values pass between blocks here, in memory. A block becomes ready when
 * every block feeding it has completed; when a block fails, everything downstream of it is settled as not run and
 * independent branches go on.
 */
public final class WorkflowRun {
    private final long rowId;
    private final Workflow workflow;
    private final Map<Integer, BlockSpec> specs;
    private final Dag dag;
    private final Map<Integer, Integer> pendingInputs = new HashMap<>();
    private final Deque<Integer> ready = new ArrayDeque<>();
    private final Set<Integer> settled = new HashSet<>();
    private final Set<Integer> failed = new HashSet<>();
    private final Map<Integer, Map<String, Object>> outputs = new HashMap<>();
    private final Set<Future<?>> inFlight = new HashSet<>();
    private final Map<Integer, Instant> runningSince = new HashMap<>();
    private final int attempt;
    private final Set<Integer> reused;
    private int running;
    private volatile boolean cancelled;
    private volatile boolean resultsLost;
    private Checkpoints checkpoints;
    private java.nio.file.Path filesRoot;
    private MemoryNeed memory = MemoryNeed.UNKNOWN;
    private long memoryMb = Long.MAX_VALUE;
    private long runningMb;
    private int workers = 1;
    private final Map<Integer, Integer> consumersLeft = new HashMap<>();
    /** The first block failure's reason, for the job's error. */
    private String firstFailure;
    /** Set when the engine itself failed (not a block): the job ends FAILED with this reason, and nothing more runs. */
    private volatile String engineError;
    private Mapping mapping = Mapping.NONE;
    /** The keys (with their entities) of each collection-making block's collection, once it completed. */
    private final Map<Integer, Map<String, Map<String, String>>> elementsOf = new HashMap<>();
    /** Elements of mapped blocks that failed or did not run, by block, with the first reason. */
    private final Map<Integer, Map<String, String>> failedElements = new HashMap<>();
    /** Elements an earlier attempt completed, by block and key: a restart reuses them. */
    private Map<Integer, Map<String, Map<String, Object>>> reusedElements = Map.of();
    /** The memory reserved for the extra elements a mapped block runs side by side, by block. */
    private final Map<Integer, Long> extraMb = new HashMap<>();
    /** The fingerprints of the elements of each collection-making block's collection, where it gave them. */
    private final Map<Integer, Map<String, String>> fingerprints = new HashMap<>();
    /** Result cache keys worked out so far, by block and element key ("" for the block itself). */
    private final Map<Integer, Map<String, String>> cacheKeys = new HashMap<>();
    private boolean cacheOn;
    private long ownerId;
    private Long publicId;
    private Map<String, ModuleIdentity> modules = Map.of();

    public WorkflowRun(long rowId, Workflow workflow, Map<Integer, BlockSpec> specs) {
        this(rowId, workflow, specs, Map.of(), 1);
    }

    /**
     * A run that takes the outputs of blocks an earlier attempt finished instead of running them again.
     *
     * @param reused  outputs of already completed blocks, by block id
     * @param attempt which attempt of the job this is, from 1
     */
    public WorkflowRun(long rowId, Workflow workflow, Map<Integer, BlockSpec> specs,
                       Map<Integer, Map<String, Object>> reused, int attempt) {
        this(rowId, workflow, specs, Dag.of(workflow), reused, attempt);
    }

    /** The run of a compiled plan, sharing its (read-only) workflow, block types and graph. */
    public WorkflowRun(long rowId, WorkflowPlan plan, Map<Integer, Map<String, Object>> reused, int attempt) {
        this(rowId, plan.workflow(), plan.specs(), plan.dag(), reused, attempt);
        this.mapping = plan.mapping();
        reused.forEach((block, values) -> rememberElements(block, values));
    }

    private volatile String jobId = "";

    /** The job's public id (its batch execution id), for the blocks' provenance. */
    void jobId(Long executionId) {
        this.jobId = executionId == null ? "" : executionId.toString();
    }

    public String jobId() {
        return jobId;
    }

    /** Which blocks run once per element (from the plan). */
    public Mapping mapping() {
        return mapping;
    }

    /** Elements of mapped blocks an earlier attempt completed, which this run takes instead of running them. */
    void reusedElements(Map<Integer, Map<String, Map<String, Object>>> elements) {
        this.reusedElements = Map.copyOf(elements);
    }

    /** The outputs an earlier attempt recorded for that element, or null. */
    public Map<String, Object> reusedElement(int block, String key) {
        Map<String, Map<String, Object>> elements = reusedElements.get(block);
        return elements == null ? null : elements.get(key);
    }

    /** A collection a block made: its keys and entities are what the blocks mapped over it run for. */
    private void rememberElements(int block, Map<String, Object> values) {
        if (values == null || !mapping.makesCollections(block) || mapping.isMapped(block)) {
            return;
        }
        for (Object value : values.values()) {
            if (value instanceof org.eegworkflow.sdk.Elements<?> collection) {
                Map<String, Map<String, String>> keys = new LinkedHashMap<>();
                collection.forEach(element -> {
                    keys.put(element.key(), element.entities());
                    if (element.fingerprint() != null) {
                        fingerprints.computeIfAbsent(block, b -> new HashMap<>())
                                .put(element.key(), element.fingerprint());
                    }
                });
                // an element the block could not make is still one the blocks mapped over it fail, saying why
                collection.failures().forEach(failure -> keys.put(failure.key(), failure.entities()));
                if (!collection.failures().isEmpty()) {
                    // back in key order, as the block listed them
                    Map<String, Map<String, String>> sorted = new LinkedHashMap<>();
                    keys.keySet().stream().sorted().forEach(key -> sorted.put(key, keys.get(key)));
                    keys.clear();
                    keys.putAll(sorted);
                }
                elementsOf.merge(block, keys, (a, b) -> {
                    Map<String, Map<String, String>> both = new LinkedHashMap<>(a);
                    both.putAll(b);
                    return both;
                });
            }
        }
    }

    /** What identifies a module's code (for the result cache's keys), and its version as a person reads it. */
    public record ModuleIdentity(String id, String label) {
    }

    /**
     * Turns the result cache on or off for this run.
     *
     * @param owner    the job's owner: entries are per user
     * @param publicId the job's public id, which a reused result names
     * @param modules  each module's identity, by name
     */
    void cache(boolean on, long owner, Long publicId, Map<String, ModuleIdentity> modules) {
        this.cacheOn = on;
        this.ownerId = owner;
        this.publicId = publicId;
        this.modules = Map.copyOf(modules);
    }

    /** Whether the run reuses and stores results of the result cache. */
    public boolean cacheOn() {
        return cacheOn;
    }

    public long ownerId() {
        return ownerId;
    }

    /** The job's public id (its execution id), or null when not known (a test's run). */
    public Long publicId() {
        return publicId;
    }

    ModuleIdentity moduleIdentity(String module) {
        ModuleIdentity identity = modules.get(module);
        return identity != null ? identity : new ModuleIdentity("unknown " + module, "?");
    }

    /** The fingerprint an element of a collection-making block's collection came with, or null. */
    synchronized String fingerprint(int origin, String element) {
        Map<String, String> of = fingerprints.get(origin);
        return of == null ? null : of.get(element);
    }

    /** A result cache key worked out before (element null: the block's), or null. */
    synchronized String cacheKey(int block, String element) {
        Map<String, String> keys = cacheKeys.get(block);
        return keys == null ? null : keys.get(element == null ? "" : element);
    }

    /** Remembers a key. @return the key remembered (another worker's, had it been first) */
    synchronized String cacheKey(int block, String element, String key) {
        String before = cacheKeys.computeIfAbsent(block, b -> new HashMap<>())
                .putIfAbsent(element == null ? "" : element, key);
        return before != null ? before : key;
    }

    /** The codecs of the job's values (those its checkpoints are written with), or null without checkpoints. */
    java.util.function.Function<String, java.util.Optional<org.eegworkflow.sdk.ValueCodec>> codecs() {
        return checkpoints == null ? null : checkpoints.codecs();
    }

    /** The elements (keys and entities, in order) a mapped block runs for: its origin's collection. */
    public synchronized Map<String, Map<String, String>> elementsFor(int block) {
        Integer origin = mapping.originOf(block);
        return origin == null ? Map.of() : elementsOf.getOrDefault(origin, Map.of());
    }

    /**
     * How many elements of a mapped block may run side by side: one, and as many more as the run's workers and the
     * job's memory reservation hold beside what runs now (their memory is held until the block ends).
     */
    public synchronized int elementSlots(int block, int elements) {
        long need = Math.max(1, memory.of(block));
        long free = memoryMb == Long.MAX_VALUE ? Long.MAX_VALUE : memoryMb - runningMb;
        int extra = (int) Math.max(0, Math.min(Math.min(workers, elements) - 1L, free / need));
        if (extra > 0) {
            extraMb.put(block, extra * memory.of(block));
            runningMb += extra * memory.of(block);
        }
        return 1 + extra;
    }

    /**
     * A mapped block ended with some elements failed (or not run, their upstream element having failed): what it
     * made of the others goes on downstream, element by element, while the job will end FAILED with the first
     * reason, and a block that gathers the collection does not run.
     *
     * @param failedKeys each failed element's key and reason
     */
    public synchronized void completedWithFailures(int block, Map<String, Object> values,
                                                   Map<String, String> failedKeys) {
        if (!failedKeys.isEmpty()) {
            failedElements.put(block, new LinkedHashMap<>(failedKeys));
            failed.add(block);
            if (firstFailure == null) {
                Map.Entry<String, String> first = failedKeys.entrySet().iterator().next();
                firstFailure = "block " + block + " (" + specs.get(block).name() + "), element " + first.getKey()
                        + ": " + first.getValue() + (failedKeys.size() > 1 ? " (and " + (failedKeys.size() - 1)
                        + " more element" + (failedKeys.size() > 2 ? "s" : "") + ")" : "");
            }
        }
        completed(block, values);
    }

    /** The elements that failed upstream of a block that gathers collections: it does not run while any did. */
    public synchronized Map<String, String> failedElementsFeeding(int block) {
        Map<String, String> failedKeys = new LinkedHashMap<>();
        for (Edge edge : workflow.edges()) {
            if (edge.to() == block) {
                Map<String, String> upstream = failedElements.get(edge.from());
                if (upstream != null) {
                    upstream.forEach(failedKeys::putIfAbsent);
                }
            }
        }
        return failedKeys;
    }


    private WorkflowRun(long rowId, Workflow workflow, Map<Integer, BlockSpec> specs, Dag dag,
                        Map<Integer, Map<String, Object>> reused, int attempt) {
        this.rowId = rowId;
        this.workflow = workflow;
        this.specs = specs;
        this.attempt = attempt;
        this.reused = Set.copyOf(reused.keySet());
        this.dag = dag;
        for (int block : workflow.blocks().keySet()) {
            pendingInputs.put(block, dag.upstreamOf(block).size());
        }
        for (Map.Entry<Integer, Map<String, Object>> done : reused.entrySet()) {
            outputs.put(done.getKey(), done.getValue());
            settled.add(done.getKey());
            for (int next : dag.downstreamOf(done.getKey())) {
                pendingInputs.merge(next, -1, Integer::sum);
            }
        }
        for (int block : workflow.blocks().keySet()) {
            if (pendingInputs.get(block) == 0 && !settled.contains(block)) {
                ready.add(block);
            }
        }
        for (Edge edge : workflow.edges()) {
            if (!settled.contains(edge.to())) {
                consumersLeft.merge(edge.from(), 1, Integer::sum);
            }
        }
        // reused values nothing will read any more are not kept
        outputs.keySet().removeIf(block -> !consumersLeft.containsKey(block));
    }

    /**
     * The job's memory: each block's need, and what the dispatcher reserved for the job; blocks are handed out only
     * while those running together fit in it (one always runs).
     */
    public synchronized void memory(MemoryNeed need, long reservedMb) {
        this.memory = need;
        this.memoryMb = reservedMb;
    }

    public long rowId() {
        return rowId;
    }

    /** The job owner's data folder, where FILE properties point. */
    void filesRoot(java.nio.file.Path folder) {
        this.filesRoot = folder;
    }

    public java.nio.file.Path filesRoot() {
        return filesRoot;
    }

    void checkpoints(Checkpoints log) {
        this.checkpoints = log;
    }

    /** Records a finished block's outputs so a restart can reuse them. @return whether they were recorded */
    boolean checkpoint(int block, Map<String, Object> values) throws java.io.IOException {
        return checkpoints != null && checkpoints.write(block, specs.get(block), values);
    }

    /** Records one element's outputs of a mapped block so a restart can reuse them. @return whether recorded */
    boolean checkpointElement(int block, String key, Map<String, Object> values) throws java.io.IOException {
        return checkpoints != null && checkpoints.writeElement(block, key, specs.get(block), values);
    }

    /** Whether the edge carries a collection. */
    public boolean carriesCollection(Edge edge) {
        return mapping.carriesCollection(edge, specs);
    }

    void closeCheckpoints() {
        if (checkpoints != null) {
            try {
                checkpoints.close();
            } catch (java.io.IOException e) {
                // the log was flushed after every record; nothing is lost by a failed close
            }
        }
    }

    public int attempt() {
        return attempt;
    }

    /** Blocks whose outputs came from an earlier attempt. */
    public Set<Integer> reused() {
        return reused;
    }

    public Workflow workflow() {
        return workflow;
    }

    public BlockSpec spec(int block) {
        return specs.get(block);
    }

    /**
     * The next block to run, waiting while blocks run whose results could make one ready.
     *
     * @return null when nothing is left to run (or the job was stopped)
     */
    public synchronized Integer take() throws InterruptedException {
        Integer block;
        while ((block = fitting()) == null && !cancelled && engineError == null
                && settled.size() + running < specs.size()) {
            wait();
        }
        if (cancelled || engineError != null || block == null) {
            return null;
        }
        ready.remove(block);
        running++;
        runningMb += memory.of(block);
        runningSince.put(block, Instant.now());
        return block;
    }

    /** The first ready block that fits beside those running in the job's reservation; any, when none runs. */
    private Integer fitting() {
        for (Integer block : ready) {
            if (running == 0 || runningMb + memory.of(block) <= memoryMb) {
                return block;
            }
        }
        return null;
    }

    /** A block that was running is not any more: its memory is free for the next. */
    private void stoppedRunning(int block) {
        if (runningSince.remove(block) != null) {
            running--;
            runningMb -= memory.of(block);
            Long extra = extraMb.remove(block);
            if (extra != null) {
                runningMb -= extra;
            }
        }
    }

    /** When a running block started; blocks only this server runs are known here, not in the database. */
    public synchronized Instant startOf(int block) {
        return runningSince.get(block);
    }

    /** The blocks running now, with their start times. */
    public synchronized Map<Integer, Instant> runningBlocks() {
        return Map.copyOf(runningSince);
    }

    /**
     * Outcomes of elements a remote executor already ran, in the same worker as an element of an upstream block (a
     * chain of a study's blocks in one Slurm job), kept until their block's turn; by block and element key.
     */
    private final Map<Integer, Map<String, org.eegworkflow.job.control.executor.Followers.Outcome>> prefetched =
            new HashMap<>();

    /** Keeps an element's outcome that ran ahead of its block (see {@link #takePrefetched}). */
    public synchronized void prefetch(int block, String key,
                                      org.eegworkflow.job.control.executor.Followers.Outcome outcome) {
        prefetched.computeIfAbsent(block, b -> new HashMap<>()).put(key, outcome);
    }

    /** The outcome an element of the block already has from running ahead, taken once; null when it has none. */
    public synchronized org.eegworkflow.job.control.executor.Followers.Outcome takePrefetched(int block, String key) {
        Map<String, org.eegworkflow.job.control.executor.Followers.Outcome> ofBlock = prefetched.get(block);
        return ofBlock == null ? null : ofBlock.remove(key);
    }

    /** Every value that arrives on each input of {@code block}, in edge order. */
    public synchronized Map<String, List<Object>> inputsOf(int block) {
        Map<String, List<Object>> inputs = new LinkedHashMap<>();
        for (Edge edge : workflow.edges()) {
            if (edge.to() == block) {
                inputs.computeIfAbsent(edge.input(), k -> new ArrayList<>())
                        .add(outputs.get(edge.from()).get(edge.output()));
            }
        }
        for (Edge edge : workflow.edges()) {
            if (edge.to() == block) {
                consumed(edge.from());
            }
        }
        return inputs;
    }

    /**
     * One reader of a block's values took them (or will never run): once none is left the run lets go of the values,
     * so a long workflow holds only what is still to be read, and the heap recovers after a failure.
     */
    private void consumed(int producer) {
        Integer left = consumersLeft.computeIfPresent(producer, (k, n) -> n - 1);
        if (left != null && left <= 0) {
            consumersLeft.remove(producer);
            outputs.remove(producer);
        }
    }

    /** A block that will not run: the values it would have read are one reader short. */
    private void notReading(int block) {
        for (Edge edge : workflow.edges()) {
            if (edge.to() == block) {
                consumed(edge.from());
            }
        }
    }

    public synchronized void completed(int block, Map<String, Object> values) {
        rememberElements(block, values);
        if (consumersLeft.containsKey(block)) {
            outputs.put(block, values);
        }
        stoppedRunning(block);
        settled.add(block);
        for (int next : dag.downstreamOf(block)) {
            if (pendingInputs.merge(next, -1, Integer::sum) == 0 && !settled.contains(next)) {
                ready.add(next);
            }
        }
        notifyAll();
    }

    /**
     * Records a failed block and settles everything downstream of it.
     *
     * @return the downstream blocks that will now not run
     */
    public synchronized List<Integer> failed(int block) {
        return failed(block, null);
    }

    /**
     * As {@link #failed(int)}, with the block's reason for the job's error (the first failure's is kept).
     */
    public synchronized List<Integer> failed(int block, String reason) {
        stoppedRunning(block);
        settled.add(block);
        failed.add(block);
        if (firstFailure == null && reason != null) {
            firstFailure = "block " + block + " (" + specs.get(block).name() + "): " + reason;
        }
        List<Integer> notRun = new ArrayList<>();
        for (int descendant : dag.descendantsOf(block)) {
            if (settled.add(descendant)) {
                failed.add(descendant);
                notRun.add(descendant);
                ready.remove(descendant);
                notReading(descendant);
            }
        }
        notifyAll();
        return notRun;
    }

    /** The first failed block and its reason ("block 3 (Filter): ..."), or null. */
    public synchronized String firstFailure() {
        return firstFailure;
    }

    /**
     * Whether the block is still running in this run (taken and not yet ended): a safety net that ends a block
     * whose worker failed uses it to end it once.
     */
    public synchronized boolean isRunning(int block) {
        return runningSince.containsKey(block);
    }

    /**
     * The engine could not go on with this run (its own fault, not a block's): nothing more is handed out, blocks
     * that run finish, and the job ends FAILED with the reason (the first reason stands).
     */
    /** How many workers take blocks from this run at once (one unless its opener says more). */
    public void workers(int workers) {
        this.workers = Math.max(1, workers);
    }

    public int workers() {
        return workers;
    }

    public synchronized void abort(String reason) {
        if (engineError == null) {
            engineError = reason;
        }
        notifyAll();
    }

    /** Why the engine could not go on with this run, or null. */
    public String engineError() {
        return engineError;
    }

    /** Stops the run: nothing more is handed out, and blocks that are running are interrupted. */
    public synchronized void cancel() {
        cancelled = true;
        inFlight.forEach(future -> future.cancel(true));
        notifyAll();
    }

    /** Registers a running block's task so that {@link #cancel()} can interrupt it. */
    public synchronized boolean track(Future<?> future) {
        if (cancelled) {
            future.cancel(true);
            return false;
        }
        inFlight.add(future);
        return true;
    }

    public synchronized void untrack(Future<?> future) {
        inFlight.remove(future);
    }

    /** A block that was interrupted by a stop: it is settled for this run but neither completed nor failed. */
    public synchronized void abandoned(int block) {
        stoppedRunning(block);
        notifyAll();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** A block's result could not be stored: the database stayed away longer than the engine retries. */
    void resultsLost() {
        resultsLost = true;
    }

    /** Whether some block's result could not be stored (the job must end FAILED, to be restarted). */
    public boolean hasLostResults() {
        return resultsLost;
    }

    public synchronized boolean hasFailures() {
        return !failed.isEmpty();
    }

    /** True once every block has completed or failed. */
    public synchronized boolean isSettled() {
        return settled.size() == specs.size();
    }
}
