package org.eegworkflow.job.control.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.job.control.store.JobFolders;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.module.control.ModuleCatalog;
import org.eegworkflow.module.control.ModuleService;
import org.eegworkflow.module.control.ModuleVersions;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.workflow.control.WorkflowPlan;

/** The runs in progress on this server, by job row id: how the engine's parts find a job's shared state. */
@ApplicationScoped
public class WorkflowRuns {
    private final Map<Long, WorkflowRun> runs = new ConcurrentHashMap<>();

    @Inject
    JobStore store;

    @Inject
    JobFolders folders;

    @Inject
    ModuleService modules;

    @Inject
    DatabaseRetry retry;

    @Inject
    org.eegworkflow.platform.Settings settings;

    @Inject
    WorkflowPlans plans;

    /**
     * What the job needs of the heap by its blocks' declarations; {@link MemoryNeed#UNKNOWN} when its workflow or
     * modules cannot be read now (opening its run will say why).
     */
    public MemoryNeed need(Job job) {
        try {
            return need(plan(job));
        } catch (RuntimeException e) {
            return MemoryNeed.UNKNOWN;
        }
    }

    /** The job's plan: the one made when it was scheduled here, or compiled once from its stored form. */
    private WorkflowPlan plan(Job job) {
        return plans.of(job, catalog(job));
    }

    /** The job's modules at the versions it was scheduled with. */
    private ModuleCatalog catalog(Job job) {
        try {
            return modules.pinned(job.getOwnerId(), ModuleVersions.read(job.getModuleVersions()));
        } catch (RuntimeException e) {
            if (org.eegworkflow.platform.DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            // a module version the server cannot load any more: the job's own fault, not a bad request
            throw new CannotRunException("the modules of the workflow cannot be loaded: " + e.getMessage(), e);
        }
    }

    private MemoryNeed need(WorkflowPlan plan) {
        return MemoryNeed.of(plan.specs(), workers(plan, plan.size()), settings.defaultBlockMemoryMb(),
                plan.mapping().mapped().keySet());
    }

    /**
     * The elements of mapped blocks that run again which an earlier attempt completed and checkpointed: they are
     * taken, not run; every other element result of those blocks makes way for the new one.
     */
    private Map<Integer, Map<String, Map<String, Object>>> reusableElements(long rowId, WorkflowPlan plan,
            java.util.Set<Integer> reusedBlocks, ModuleCatalog catalog) {
        Map<Integer, Map<String, Map<String, Object>>> checkpointed = Checkpoints.readElements(
                folders.checkpoints(rowId), plan.specs(), catalog::codec);
        Map<Integer, java.util.Set<String>> completed = new HashMap<>();
        for (org.eegworkflow.job.entity.ElementRun element : retry.call("the element results of job row " + rowId,
                () -> store.elementRuns(rowId))) {
            if (element.getStatus() == BlockStatus.COMPLETED) {
                completed.computeIfAbsent(element.getBlockId(), b -> new java.util.HashSet<>())
                        .add(element.getElementKey());
            }
        }
        Map<Integer, Map<String, Map<String, Object>>> reusable = new HashMap<>();
        for (int block : plan.mapping().mapped().keySet()) {
            if (reusedBlocks.contains(block)) {
                continue;
            }
            Map<String, Map<String, Object>> elements = new java.util.LinkedHashMap<>(
                    checkpointed.getOrDefault(block, Map.of()));
            elements.keySet().retainAll(completed.getOrDefault(block, java.util.Set.of()));
            reusable.put(block, elements);
            retry.run("the removal of stale element results of job row " + rowId,
                    () -> store.forgetElements(rowId, block, elements.keySet()));
        }
        return reusable;
    }

    /**
     * How many blocks of the plan may run at once, with {@code toRun} of them left to run: a chain runs one at a
     * time, anything else up to {@code eegwf.parallelism} at once.
     */
    private int workers(WorkflowPlan plan, int toRun) {
        if (!plan.mapping().mapped().isEmpty()) {
            // a mapped block runs its elements side by side, however few blocks are left
            return Math.max(1, settings.parallelism());
        }
        return Math.max(1, plan.oneAtATime() ? 1 : Math.min(settings.parallelism(), toRun));
    }

    /**
     * Builds the run of a job from the workflow stored with it. Blocks an earlier attempt completed, whose outputs
     * are checkpointed, are not run again.
     */
    public WorkflowRun open(long rowId) {
        Job job = retry.call("the workflow of job row " + rowId, () -> store.load(rowId));
        if (job == null) {
            throw new IllegalStateException("job row " + rowId + " does not exist");
        }
        ModuleCatalog catalog = catalog(job);
        // uploaded modules are looked up in the database
        WorkflowPlan plan = retry.call("the modules of job row " + rowId, () -> plans.of(job, catalog));
        Map<Integer, BlockSpec> specs = plan.specs();
        Map<Integer, Map<String, Object>> checkpointed = Checkpoints.read(folders.checkpoints(rowId), specs,
                catalog::codec);
        Map<Integer, Map<String, Object>> reused = new HashMap<>();
        List<Integer> again = new ArrayList<>();
        for (BlockRun done : retry.call("the block results of job row " + rowId, () -> store.blockRuns(rowId))) {
            Map<String, Object> outputs = done.getStatus() == BlockStatus.COMPLETED
                    ? checkpointed.get(done.getBlockId()) : null;
            if (outputs != null) {
                reused.put(done.getBlockId(), outputs);
            } else {
                again.add(done.getBlockId());
            }
        }
        // a completed block without a readable checkpoint runs again: its old result makes way for the new one
        retry.run("the removal of stale results of job row " + rowId, () -> store.forget(rowId, again));
        WorkflowRun run = new WorkflowRun(rowId, plan, reused, Math.max(1, job.getAttempts()));
        if (!plan.mapping().mapped().isEmpty()) {
            run.reusedElements(reusableElements(rowId, plan, reused.keySet(), catalog));
        }
        run.filesRoot(folders.userFiles(job.getOwnerId()));
        run.jobId(job.getExecutionId());
        boolean cacheOn = job.getCacheResults() != null ? job.getCacheResults()
                : settings.cacheFor(plan.mapping().any());
        if (cacheOn) {
            Map<String, WorkflowRun.ModuleIdentity> identities = new HashMap<>();
            for (BlockSpec spec : specs.values()) {
                identities.computeIfAbsent(spec.module(), module -> new WorkflowRun.ModuleIdentity(
                        String.valueOf(catalog.identity(module)), catalog.versionLabel(module)));
            }
            run.cache(true, job.getOwnerId(), job.getExecutionId(), identities);
        }
        // the dispatcher reserved this much for the job: the run keeps within it
        MemoryNeed need = need(plan);
        run.memory(need, need.reserveMb(settings.memoryBudgetMb()));
        run.workers(workers(plan, specs.size() - reused.size()));
        try {
            run.checkpoints(Checkpoints.open(folders.checkpoints(rowId), catalog::codec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the checkpoints of job row " + rowId, e);
        }
        runs.put(rowId, run);
        return run;
    }

    /** Adds a run opened elsewhere (a test's): how the engine's parts find it. */
    void add(WorkflowRun run) {
        runs.put(run.rowId(), run);
    }

    /** The jobs running on this server now. */
    public java.util.Set<Long> ids() {
        return java.util.Set.copyOf(runs.keySet());
    }

    public WorkflowRun get(long rowId) {
        return runs.get(rowId);
    }

    /** The job's run here is over: its run and its plan are let go (a restart compiles the plan again). */
    public WorkflowRun close(long rowId) {
        plans.evict(rowId);
        WorkflowRun run = runs.remove(rowId);
        if (run != null) {
            run.closeCheckpoints();
        }
        return run;
    }
}
