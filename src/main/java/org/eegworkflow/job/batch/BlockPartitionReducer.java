package org.eegworkflow.job.batch;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.AbstractPartitionReducer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;

/**
 * Once every partition is done (on the step's own thread): a step whose blocks failed ends with exit status
 * {@value #BLOCKS_FAILED}, which the job XML turns into a failed execution, and the job is ended here
 * ({@link JobLifecycle#blocksDone}), not only by the job listener: JBeret skips job listeners when it cannot write its
 * repository at the step's end (the database went away), and the job must not stay RUNNING for that.
 */
@Named
@Dependent
public class BlockPartitionReducer extends AbstractPartitionReducer {
    private static final Logger LOG = Logger.getLogger(BlockPartitionReducer.class.getName());
    static final String BLOCKS_FAILED = "BLOCKS_FAILED";

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    WorkflowRuns runs;

    @Inject
    StepContext stepContext;

    @Inject
    JobContext jobContext;

    @Inject
    JobLifecycle lifecycle;

    @Override
    public void afterPartitionedStepCompletion(PartitionStatus status) {
        long rowId = Long.parseLong(jobRowId);
        boolean stopped = false;
        try {
            WorkflowRun run = runs.get(rowId);
            if (run != null && (run.hasFailures() || run.hasLostResults() || run.engineError() != null)) {
                stepContext.setExitStatus(BLOCKS_FAILED);
            }
            BatchStatus batchStatus = jobContext.getBatchStatus();
            stopped = batchStatus == BatchStatus.STOPPING || batchStatus == BatchStatus.STOPPED;
        } catch (Throwable t) {
            // the job still ends below (blocksDone never throws); the batch runtime's own bookkeeping is its affair
            LOG.log(Level.SEVERE, "job row " + rowId + ": the step's end could not be read", t);
            ErrorReasons.restoreInterrupt(t);
        }
        lifecycle.blocksDone(rowId, jobContext.getExecutionId(), stopped);
    }
}
