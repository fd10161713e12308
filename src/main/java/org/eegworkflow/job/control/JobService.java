package org.eegworkflow.job.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.job.control.lifecycle.JobDispatcher;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.run.WorkflowPlans;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.control.store.JobFolders;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.job.entity.JobSummary;
import org.eegworkflow.module.control.ModuleCatalog;
import org.eegworkflow.module.control.ModuleService;
import org.eegworkflow.module.control.ModuleVersions;
import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.NotFoundException;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.workflow.control.WorkflowPlan;

/** Schedules workflows as batch jobs, finds a user's jobs, and stops, restarts and deletes them. */
@ApplicationScoped
public class JobService {
    private static final Duration ASSIGN_BUDGET = Duration.ofSeconds(15);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    @Inject
    JobStore store;

    @Inject
    org.eegworkflow.job.control.store.RemoteTasks remoteTasks;

    @Inject
    JobLauncher launcher;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    WorkflowRuns runs;

    @Inject
    JobFolders folders;

    @Inject
    ModuleService modules;

    @Inject
    Settings settings;

    @Inject
    DatabaseRetry retry;

    @Inject
    WorkflowPlans plans;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    org.eegworkflow.job.control.run.ResultCache resultCache;

    /**
     * Validates the workflow, stores it and starts its batch job. An invalid workflow is refused before anything is
     * stored. A job whose start fails, or whose execution id cannot be recorded (the database went away), is removed
     * again (at once, or once the database is back) and an execution started for it runs nothing: a request that
     * fails leaves no job behind, so the client may simply schedule again.
     *
     * @return the job id: the batch execution id
     */
    public long schedule(long ownerId, String workflowText) {
        return schedule(ownerId, workflowText, null);
    }

    /**
     * As {@link #schedule(long, String)}, with the result cache on or off for this job.
     *
     * @param cache the schedule form's {@code cache} field; null: the setting {@code eegwf.cache} decides
     */
    public long schedule(long ownerId, String workflowText, Boolean cache) {
        // the one parse and validation of the workflow: its admission, run and views use this plan
        WorkflowPlan.Source source = WorkflowPlan.read(workflowText, settings.maxWorkflowBlocks());
        ModuleCatalog catalog = modules.catalogFor(ownerId);
        WorkflowPlan plan = source.compile(catalog);
        Job job = store.create(ownerId, plan.text(), ModuleVersions.write(catalog.versions()), settings.node(), cache);
        plans.put(job.getId(), plan);
        long executionId;
        try {
            executionId = launcher.launch(job.getId());
        } catch (RuntimeException | Error e) {
            discard(job.getId());
            throw e;
        }
        try {
            // the client is waiting: a short outage is bridged, a long one is a 503
            retry.call("the execution id of job row " + job.getId(), ASSIGN_BUDGET, () -> {
                store.assignExecution(job.getId(), executionId);
                return null;
            });
        } catch (RuntimeException e) {
            discard(job.getId());
            throw e;
        }
        return executionId;
    }

    /** Removes a job row whose scheduling failed, now or once the database is back; its execution runs nothing. */
    private void discard(long jobRowId) {
        lifecycle.abandon(jobRowId);
        retry.eventually("the removal of job row " + jobRowId + " whose scheduling failed", () -> {
            store.delete(jobRowId);
            lifecycle.forget(jobRowId);
        });
    }

    public List<JobSummary> list(long ownerId) {
        return store.listForOwner(ownerId);
    }

    /** The caller's job with that id; anyone else's is as absent as a job that never existed. */
    public Job find(long jobId, long ownerId) {
        return store.findForOwner(jobId, ownerId)
                .orElseThrow(() -> new NotFoundException("job " + jobId + " not found"));
    }

    public List<BlockRun> blockRuns(Job job) {
        return store.blockRuns(job.getId());
    }

    /** The element results of the job's blocks that run once per element, by block and key (elements end in any order: they run side by side). */
    public List<org.eegworkflow.job.entity.ElementRun> elementRuns(Job job) {
        return store.elementRuns(job.getId());
    }

    /**
     * Where the job's blocks were handed to a cluster's scheduler (its Slurm jobs and nodes), in submission order;
     * none while this server runs blocks itself, so the details of a local job cost no query more.
     */
    public List<org.eegworkflow.job.entity.RemoteTask> remoteTasks(Job job) {
        return settings.executor().equals("local") ? List.of() : remoteTasks.ofJob(job.getId());
    }

    /**
     * Why a QUEUED job of this server waits (a place, its owner's limit, its turn, memory), for its details; null
     * when it does not wait here.
     */
    public String waitingReason(Job job) {
        if (job.getStatus() != JobStatus.QUEUED || !settings.node().equals(job.getNode())) {
            return null;
        }
        return dispatcher.waitingReason(job.getId());
    }

    /** The job's blocks running on this server now, with their start times. */
    public Map<Integer, Instant> runningBlocks(Job job) {
        WorkflowRun run = runs.get(job.getId());
        return run == null ? Map.of() : run.runningBlocks();
    }

    /** Stops the caller's queued or running job ({@link JobLifecycle#stop}). */
    public void stop(long jobId, long ownerId) {
        lifecycle.stop(find(jobId, ownerId));
    }

    /** Runs the caller's failed or stopped job again under the same id ({@link JobLifecycle#restart}). */
    public void restart(long jobId, long ownerId) {
        lifecycle.restart(find(jobId, ownerId));
    }

    /** Deletes an ended job, its results and its files. */
    public void delete(long jobId, long ownerId) {
        Job job = find(jobId, ownerId);
        if (!job.getStatus().isFinal()) {
            throw new ConflictException("job " + jobId + " is " + job.getStatus() + ": stop it before deleting it");
        }
        store.delete(job.getId());
        plans.evict(job.getId());
        // results other jobs may reuse keep the files they refer to
        resultCache.jobDeleted(job.getId());
    }

    /** A file a block of the caller's job produced; never anything outside that job's files folder. */
    public Path file(long jobId, long ownerId, String fileName) {
        Job job = find(jobId, ownerId);
        if (fileName == null || !FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new NotFoundException("job " + jobId + " has no file '" + fileName + "'");
        }
        Path dir = folders.files(job.getId());
        Path file = dir.resolve(fileName).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
            throw new NotFoundException("job " + jobId + " has no file '" + fileName + "'");
        }
        return file;
    }
}
