package org.eegworkflow.job.control.lifecycle;

import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.eegworkflow.platform.BatchOperator;

/** Starts a batch execution of the {@code workflow} job for a stored job: its first run, a restart, a deferred run. */
@ApplicationScoped
public class JobLauncher {
    /** The batch job that runs every workflow: META-INF/batch-jobs/workflow.xml. */
    public static final String BATCH_JOB = "workflow";
    /** The job parameter that tells the batch job which stored workflow to run. */
    public static final String JOB_ROW_ID = "jobRowId";

    /**
     * A new execution. Every run of a job is a fresh execution of the same job XML: which blocks still need to run is
     * decided from the stored results and checkpoints, not from the batch runtime's restart state.
     *
     * @return the execution id
     */
    public long launch(long rowId) {
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ROW_ID, Long.toString(rowId));
        // no write here: the job's last execution is written by its admission (with RUNNING), the one moment it
        // matters, as a QUEUED job is stopped by its status alone
        return BatchOperator.get().start(BATCH_JOB, parameters);
    }
}
