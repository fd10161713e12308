package org.eegworkflow.job.batch;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.JobDispatcher;
import org.eegworkflow.job.control.JobCompletion;
import org.eegworkflow.job.control.JobLauncher;
import org.eegworkflow.platform.DatabaseRetry;

/**
 * At the end of every execution: a job that ran gets its final status and frees its place for a waiting job (unless
 * the step's reducer did so already); a job that was only deferred stays QUEUED; a job whose execution failed before
 * its admission (the batch runtime could not write its repository) is started again.
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
    JobDispatcher dispatcher;

    @Inject
    JobCompletion completion;

    @Inject
    JobLauncher launcher;

    @Inject
    DatabaseRetry retry;

    @Override
    public void afterJob() {
        try {
            ended();
        } catch (Throwable t) {
            // finish never throws; this is the bookkeeping around it (an Error): a job this execution ran still ends
            LOG.log(Level.SEVERE, "execution " + jobContext.getExecutionId() + " of job row " + jobRowId
                    + ": its end could not be handled", t);
            ErrorReasons.restoreInterrupt(t);
            try {
                long jobId = Long.parseLong(jobRowId);
                if (dispatcher.isAdmitted(jobId, jobContext.getExecutionId())) {
                    completion.finish(jobId, false, noRunError(jobContext.getExecutionId()));
                }
            } catch (Throwable again) {
                // the watchdog ends it
                LOG.log(Level.SEVERE, "job row " + jobRowId + " is left to the watchdog", again);
            }
            ErrorReasons.rethrowIfThreadDeath(t);
        }
    }

    private void ended() {
        long jobId = Long.parseLong(jobRowId);
        long executionId = jobContext.getExecutionId();
        BatchStatus batchStatus = jobContext.getBatchStatus();
        if (AdmitBatchlet.DEFERRED.equals(jobContext.getTransientUserData()) || dispatcher.wasEnded(executionId)) {
            return;
        }
        if (!dispatcher.isAdmitted(jobId, executionId)) {
            if (batchStatus == BatchStatus.FAILED && dispatcher.mayRelaunch(jobId)) {
                // the batch runtime failed before admission ran (it could not record the step): the job is still
                // QUEUED and starts again, keeping its place if it had one
                LOG.warning("execution " + executionId + " of job row " + jobId
                        + " failed before its admission; the job is started again");
                if (!dispatcher.requeue(jobId)) {
                    retry.later(() -> retry.eventually("a new execution of job row " + jobId,
                            () -> launcher.launch(jobId)), Duration.ofSeconds(5));
                }
            }
            return;
        }
        completion.finish(jobId, batchStatus == BatchStatus.STOPPING || batchStatus == BatchStatus.STOPPED,
                noRunError(executionId));
    }

    static String noRunError(long executionId) {
        return "the job failed before its blocks ran (execution " + executionId + ")";
    }
}
