package org.eegworkflow.job.batch;

import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.job.control.JobDispatcher;
import org.eegworkflow.job.control.JobEvents;
import org.eegworkflow.job.control.JobLauncher;
import org.eegworkflow.job.control.JobStore;
import org.eegworkflow.job.control.WorkflowRun;
import org.eegworkflow.job.control.WorkflowRuns;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.Settings;

/**
 * At the end of every execution: a job that ran gets its final status and frees its place for a waiting job; a job
 * that was only deferred stays QUEUED.
 */
@Named
@Dependent
public class WorkflowJobListener extends AbstractJobListener {
    private static final Logger LOG = Logger.getLogger(WorkflowJobListener.class.getName());

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    JobContext jobContext;

    @Inject
    JobStore store;

    @Inject
    WorkflowRuns runs;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JobEvents events;

    @Inject
    Settings settings;

    @Override
    public void afterJob() {
        long jobId = Long.parseLong(jobRowId);
        WorkflowRun run = runs.close(jobId);
        if (!dispatcher.isRunning(jobId)) {
            return;
        }
        try {
            JobStatus status;
            String error = null;
            BatchStatus batchStatus = jobContext.getBatchStatus();
            if (batchStatus == BatchStatus.STOPPING || batchStatus == BatchStatus.STOPPED
                    || (run != null && run.isCancelled())) {
                status = JobStatus.STOPPED;
            } else if (run == null) {
                status = JobStatus.FAILED;
                error = "the job failed before its blocks ran (execution " + jobContext.getExecutionId() + ")";
            } else if (run.hasFailures()) {
                status = JobStatus.FAILED;
                error = "a block failed";
            } else if (!run.isSettled()) {
                status = JobStatus.FAILED;
                error = "the job ended before all of its blocks ran";
            } else {
                status = JobStatus.COMPLETED;
            }
            LOG.fine(() -> "job row " + jobId + " execution " + jobContext.getExecutionId() + " ended " + status);
            // only if still running here: another node may have failed it as ours looked dead, and restarted it
            if (store.finishIf(jobId, JobStatus.RUNNING, settings.node(), status, error)) {
                events.jobChanged(jobId, status, error);
            }
        } finally {
            dispatcher.release(jobId);
        }
    }
}
