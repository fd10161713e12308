package org.eegworkflow.job.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;

/**
 * The job's first step: its admission ({@link JobLifecycle#admit}). Admitted, the job is RUNNING and goes on to its
 * blocks; otherwise the execution ends here with exit status {@value #DEFERRED}, and the job waits QUEUED for the
 * dispatcher to start it again when a place is free (or has ended, or runs in another execution).
 */
@Named
@Dependent
public class AdmitBatchlet extends AbstractBatchlet {
    static final String DEFERRED = "DEFERRED";
    static final String ADMITTED = "ADMITTED";

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    JobContext jobContext;

    @Inject
    JobLifecycle lifecycle;

    @Override
    public String process() {
        if (lifecycle.admit(Long.parseLong(jobRowId), jobContext.getExecutionId()) == JobLifecycle.Admission.RUN) {
            return ADMITTED;
        }
        // this execution runs nothing: the job listener must not take its end for the job's end
        jobContext.setTransientUserData(DEFERRED);
        return DEFERRED;
    }
}
