package org.eegworkflow.job.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.NoSuchJobExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobSummary;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.module.control.ModuleCatalog;
import org.eegworkflow.module.control.ModuleService;
import org.eegworkflow.module.control.ModuleVersions;
import org.eegworkflow.platform.ApiException;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.platform.BatchOperator;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.workflow.control.WorkflowPlan;

/** Schedules workflows as batch jobs, finds a user's jobs, and stops, restarts and deletes them. */
@ApplicationScoped
public class JobService {
    private static final Duration ASSIGN_BUDGET = Duration.ofSeconds(15);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    @Inject
    JobStore store;

    @Inject
    JobLauncher launcher;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    WorkflowRuns runs;

    @Inject
    JobFolders folders;

    @Inject
    JobEvents events;

    @Inject
    ModuleService modules;

    @Inject
    Settings settings;

    @Inject
    DatabaseRetry retry;

    @Inject
    WorkflowPlans plans;

    /**
     * Validates the workflow, stores it and starts its batch job. An invalid workflow is refused before anything is
     * stored. A job whose start fails, or whose execution id cannot be recorded (the database went away), is removed
     * again (at once, or once the database is back) and an execution started for it runs nothing: a request that
     * fails leaves no job behind, so the client may simply schedule again.
     *
     * @return the job id: the batch execution id
     */
    public long schedule(long ownerId, String workflowText) {
        // the one parse and validation of the workflow: its admission, run and views use this plan
        WorkflowPlan.Source source = WorkflowPlan.read(workflowText, settings.maxWorkflowBlocks());
        ModuleCatalog catalog = modules.catalogFor(ownerId);
        WorkflowPlan plan = source.compile(catalog);
        Job job = store.create(ownerId, plan.text(), ModuleVersions.write(catalog.versions()), settings.node());
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
        plans.evict(jobRowId);
        launcher.abandon(jobRowId);
        retry.eventually("the removal of job row " + jobRowId + " whose scheduling failed", () -> {
            store.delete(jobRowId);
            launcher.forget(jobRowId);
        });
    }

    public List<JobSummary> list(long ownerId) {
        return store.listForOwner(ownerId);
    }

    /** The caller's job with that id; anyone else's is as absent as a job that never existed. */
    public Job find(long jobId, long ownerId) {
        return store.findForOwner(jobId, ownerId)
                .orElseThrow(() -> ApiException.notFound("job " + jobId + " not found"));
    }

    public List<BlockRun> blockRuns(Job job) {
        return store.blockRuns(job.getId());
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

    /**
     * Stops a queued or running job: running blocks are interrupted and the job ends STOPPED. A job running on
     * another node is stopped by that node, which notices the stop recorded on the job within a couple of seconds.
     */
    public void stop(long jobId, long ownerId) {
        Job job = find(jobId, ownerId);
        if (job.getStatus().isFinal()) {
            throw ApiException.conflict("job " + jobId + " has already ended (" + job.getStatus() + ")");
        }
        String node = job.getNode() != null ? job.getNode() : settings.node();
        boolean here = node.equals(settings.node());
        boolean waiting = here && dispatcher.withdraw(job.getId());
        if ((waiting || job.getStatus() == JobStatus.QUEUED) && store.finishIf(job.getId(), JobStatus.QUEUED, node,
                JobStatus.STOPPED, "stopped before it started")) {
            // waiting for a place: it holds no thread, so it simply ends (its admission step will find it stopped)
            events.jobChanged(job.getId(), JobStatus.STOPPED, null);
            return;
        }
        if (here) {
            interrupt(job.getId(), job.getLastExecutionId());
        } else {
            store.requestStop(job.getId());
        }
    }

    /** Stops the run of a job on this server: its running blocks are interrupted and its batch execution stopped. */
    public void interrupt(long jobRowId, Long lastExecutionId) {
        WorkflowRun run = runs.get(jobRowId);
        if (run != null) {
            run.cancel();
        }
        if (lastExecutionId == null) {
            return;
        }
        try {
            BatchOperator.get().stop(lastExecutionId);
        } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
            // already over, or the batch runtime never knew it: the status written above (or by its end) stands
        }
    }

    /** Runs a failed or stopped job again under the same id; blocks that completed are not run again. */
    public void restart(long jobId, long ownerId) {
        Job job = find(jobId, ownerId);
        if (job.getStatus() != JobStatus.FAILED && job.getStatus() != JobStatus.STOPPED) {
            throw ApiException.conflict("job " + jobId + " is " + job.getStatus()
                    + ": only a FAILED or STOPPED job can be restarted");
        }
        // the job moves to this node, whichever node ran it before
        if (!store.requeue(job.getId(), settings.node())) {
            throw ApiException.conflict("job " + jobId + " was restarted meanwhile");
        }
        try {
            launcher.launch(job.getId());
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            // the job is QUEUED already: it starts once the batch runtime can record it
            dispatcher.defer(job.getId(), job.getOwnerId());
        }
    }

    /** Deletes an ended job, its results and its files. */
    public void delete(long jobId, long ownerId) {
        Job job = find(jobId, ownerId);
        if (!job.getStatus().isFinal()) {
            throw ApiException.conflict("job " + jobId + " is " + job.getStatus() + ": stop it before deleting it");
        }
        store.delete(job.getId());
        plans.evict(job.getId());
        folders.delete(job.getId());
    }

    /** A file a block of the caller's job produced; never anything outside that job's files folder. */
    public Path file(long jobId, long ownerId, String fileName) {
        Job job = find(jobId, ownerId);
        if (fileName == null || !FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw ApiException.notFound("job " + jobId + " has no file '" + fileName + "'");
        }
        Path dir = folders.files(job.getId());
        Path file = dir.resolve(fileName).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
            throw ApiException.notFound("job " + jobId + " has no file '" + fileName + "'");
        }
        return file;
    }
}
