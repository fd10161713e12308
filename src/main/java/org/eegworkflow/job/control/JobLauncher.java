package org.eegworkflow.job.control;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.platform.BatchOperator;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.RetryPolicy;

/** Starts a batch execution of the {@code workflow} job for a stored job: its first run, a restart, a deferred run. */
@ApplicationScoped
public class JobLauncher {
    /** The batch job that runs every workflow: META-INF/batch-jobs/workflow.xml. */
    public static final String BATCH_JOB = "workflow";
    /** The job parameter that tells the batch job which stored workflow to run. */
    public static final String JOB_ROW_ID = "jobRowId";
    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());

    /** Job rows whose scheduling failed after their execution started: that execution must run nothing. */
    private final Set<Long> abandoned = ConcurrentHashMap.newKeySet();

    @Inject
    JobStore store;

    /**
     * A new execution. Every run of a job is a fresh execution of the same job XML: which blocks still need to run is
     * decided from the stored results and checkpoints, not from the batch runtime's restart state. Once the execution
     * has started this never throws: the caller would take the job for not started and start it a second time.
     *
     * @return the execution id
     */
    public long launch(long jobRowId) {
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ROW_ID, Long.toString(jobRowId));
        long executionId = BatchOperator.get().start(BATCH_JOB, parameters);
        try {
            store.setLastExecution(jobRowId, executionId);
        } catch (Exception e) {
            // Exception, not RuntimeException: a failed commit comes out of @Transactional as JTA's checked
            // RollbackException, and must not make the caller start the job a second time
            if (!DatabaseFailures.isUnavailable(e)) {
                throw RetryPolicy.unchecked(e);
            }
            // admission writes it again (markRunning); until then stop finds the job by its QUEUED status
            LOG.warning("job row " + jobRowId + " started as execution " + executionId
                    + " but its last execution could not be recorded: the database is unavailable");
        }
        return executionId;
    }

    /** The scheduling of this job row failed: an execution of it that was started anyway runs nothing. */
    void abandon(long jobRowId) {
        abandoned.add(jobRowId);
    }

    public boolean isAbandoned(long jobRowId) {
        return abandoned.contains(jobRowId);
    }

    void forget(long jobRowId) {
        abandoned.remove(jobRowId);
    }
}
