package org.eegworkflow.job.control.run;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.eegworkflow.block.control.BlockCatalog;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.workflow.control.WorkflowPlan;

/**
 * The compiled plans of this server's jobs, by job row id: the plan made when a job is scheduled here is the one its
 * admission, its run and its views use. A job this server did not schedule (after a restart, a take-over, a restart
 * on another node) has its plan compiled once from the stored JSON and module versions. Bounded, because a job may
 * wait long in the queue: a plan that made way is compiled again when needed.
 */
@ApplicationScoped
public class WorkflowPlans {
    /** Enough for every job a server runs or queues at once in practice; a plan is a few KB per block. */
    static final int CAPACITY = 256;

    private final Map<Long, WorkflowPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, WorkflowPlan> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The plan a job was scheduled with, for its run here. */
    public synchronized void put(long rowId, WorkflowPlan plan) {
        plans.put(rowId, plan);
    }

    /** The job ended or was deleted: its plan is not needed again (a restart compiles it again). */
    public synchronized void evict(long rowId) {
        plans.remove(rowId);
    }

    synchronized WorkflowPlan cached(long rowId) {
        return plans.get(rowId);
    }

    /**
     * The job's plan: the one it was scheduled with on this server, or compiled once from what the job row stores,
     * against its pinned modules.
     *
     * @param catalog the job's modules at the versions it was scheduled with
     * @throws CannotRunException when the stored workflow no longer compiles (a module or a block type gone)
     */
    public WorkflowPlan of(Job job, BlockCatalog catalog) {
        WorkflowPlan plan = cached(job.getId());
        // a module deleted since the job was scheduled: compiled again, the job fails as the validator says why
        if (plan != null && plan.modules().stream().allMatch(catalog::hasModule)) {
            return plan;
        }
        plan = compileStored(job, catalog);
        synchronized (this) {
            plans.put(job.getId(), plan);
            return plan;
        }
    }

    /**
     * Compiles a stored workflow. It passed every check when it was scheduled, so a refusal now means its modules
     * changed under it: that is why the job cannot run, not a bad request. No size limit: the job was admitted under
     * the limit of its day.
     */
    static WorkflowPlan compileStored(Job job, BlockCatalog catalog) {
        try {
            return WorkflowPlan.compile(job.getWorkflow(), Integer.MAX_VALUE, catalog);
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                // uploaded modules are read from the database: that outage is bridged by the caller's retry
                throw e;
            }
            throw new CannotRunException("the workflow cannot run: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the job may have element results (a block run once per element): false only when this server holds
     * its plan and the plan has no collection, so the views of a running single-recording job skip that query.
     */
    public boolean mayHaveElements(Job job) {
        WorkflowPlan plan = cached(job.getId());
        return plan == null || plan.mapping().any();
    }

    /**
     * The job's workflow JSON for its views: the plan's when this server has it, else the stored text read as JSON
     * (not parsed nor validated again: the views only echo it).
     */
    public JsonObject json(Job job) {
        WorkflowPlan plan = cached(job.getId());
        if (plan != null) {
            return plan.json();
        }
        try (JsonReader reader = Jsons.PROVIDER.createReader(new StringReader(job.getWorkflow()))) {
            return reader.readObject();
        }
    }
}
