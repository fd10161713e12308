package org.eegworkflow.job.batch;

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
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;

/** At the end of every execution: tells the lifecycle how it ended ({@link JobLifecycle#executionEnded}). */
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
    JobLifecycle lifecycle;

    @Override
    public void afterJob() {
        long rowId = Long.parseLong(jobRowId);
        long executionId = jobContext.getExecutionId();
        boolean deferred = false;
        boolean stopped = false;
        boolean failed = false;
        try {
            deferred = AdmitBatchlet.DEFERRED.equals(jobContext.getTransientUserData());
            BatchStatus status = jobContext.getBatchStatus();
            stopped = status == BatchStatus.STOPPING || status == BatchStatus.STOPPED;
            failed = status == BatchStatus.FAILED;
        } catch (Throwable t) {
            // the job still ends below (executionEnded never throws); the runtime's own bookkeeping is its affair
            LOG.log(Level.SEVERE, "execution " + executionId + " of job row " + rowId + ": its end could not be read",
                    t);
            ErrorReasons.restoreInterrupt(t);
        }
        lifecycle.executionEnded(rowId, executionId, deferred, stopped, failed);
    }
}
