package org.eegworkflow.job.control;

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
import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * The live state of one running job, shared by the partitions that execute it: which blocks are ready, which run,
 * and the values finished blocks produced. Values pass between blocks here, in memory. A block becomes ready when
 * every block feeding it has completed; when a block fails, everything downstream of it is settled as not run and
 * independent branches go on.
 */
public final class WorkflowRun {
    private final long jobId;
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

    public WorkflowRun(long jobId, Workflow workflow, Map<Integer, BlockSpec> specs) {
        this(jobId, workflow, specs, Map.of(), 1);
    }

    /**
     * A run that takes the outputs of blocks an earlier attempt finished instead of running them again.
     *
     * @param reused  outputs of already completed blocks, by block id
     * @param attempt which attempt of the job this is, from 1
     */
    public WorkflowRun(long jobId, Workflow workflow, Map<Integer, BlockSpec> specs,
                       Map<Integer, Map<String, Object>> reused, int attempt) {
        this.jobId = jobId;
        this.workflow = workflow;
        this.specs = specs;
        this.attempt = attempt;
        this.reused = Set.copyOf(reused.keySet());
        this.dag = Dag.of(workflow);
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
    }

    public long jobId() {
        return jobId;
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
        while (ready.isEmpty() && !cancelled && settled.size() + running < specs.size()) {
            wait();
        }
        if (cancelled || ready.isEmpty()) {
            return null;
        }
        running++;
        Integer block = ready.poll();
        runningSince.put(block, Instant.now());
        return block;
    }

    /** When a running block started; blocks only this server runs are known here, not in the database. */
    public synchronized Instant startOf(int block) {
        return runningSince.get(block);
    }

    /** The blocks running now, with their start times. */
    public synchronized Map<Integer, Instant> runningBlocks() {
        return Map.copyOf(runningSince);
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
        return inputs;
    }

    public synchronized void completed(int block, Map<String, Object> values) {
        outputs.put(block, values);
        runningSince.remove(block);
        running--;
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
        runningSince.remove(block);
        running--;
        settled.add(block);
        failed.add(block);
        List<Integer> notRun = new ArrayList<>();
        for (int descendant : dag.descendantsOf(block)) {
            if (settled.add(descendant)) {
                failed.add(descendant);
                notRun.add(descendant);
            }
        }
        notifyAll();
        return notRun;
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
        runningSince.remove(block);
        running--;
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
