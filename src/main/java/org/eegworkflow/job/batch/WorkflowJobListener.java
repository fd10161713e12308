package org.eegworkflow.job.batch;

import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.job.control.JobService;
import org.eegworkflow.job.control.JobStore;
import org.eegworkflow.job.control.WorkflowRun;
import org.eegworkflow.job.control.WorkflowRuns;
import org.eegworkflow.job.entity.JobStatus;

/** Keeps the job row's status and times in step with its batch execution, and releases the run at the end. */
@Named
@Dependent
public class WorkflowJobListener implements JobListener {
    private static final Logger LOG = Logger.getLogger(WorkflowJobListener.class.getName());

    @Inject
    @BatchProperty(name = JobService.JOB_ROW_ID)
    String jobRowId;

    @Inject
    JobContext jobContext;

    @Inject
    JobStore store;

    @Inject
    WorkflowRuns runs;

    @Override
    public void beforeJob() {
        store.markRunning(Long.parseLong(jobRowId), jobContext.getExecutionId());
    }

    @Override
    public void afterJob() {
        long jobId = Long.parseLong(jobRowId);
        WorkflowRun run = runs.close(jobId);
        JobStatus status;
        String error = null;
        if (jobContext.getBatchStatus() == BatchStatus.STOPPING || jobContext.getBatchStatus() == BatchStatus.STOPPED
                || (run != null && run.isCancelled())) {
            status = JobStatus.STOPPED;
        } else if (run == null) {
            status = JobStatus.FAILED;
            error = "the job failed before its blocks ran";
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
        store.markFinished(jobId, status, error);
    }
}
