package org.eegworkflow.job.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.AbstractPartitionReducer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.job.control.JobCompletion;
import org.eegworkflow.job.control.JobLauncher;
import org.eegworkflow.job.control.WorkflowRun;
import org.eegworkflow.job.control.WorkflowRuns;

/**
 * Once every partition is done (on the step's own thread): a step whose blocks failed ends with exit status
 * {@value #BLOCKS_FAILED}, which the job XML turns into a failed (and so restartable) job. The job's own status is
 * written here, not only by the job listener: JBeret skips job listeners when it cannot write its repository at the
 * step's end (the database went away), and the job must not stay RUNNING for that.
 */
@Named
@Dependent
public class BlockPartitionReducer extends AbstractPartitionReducer {
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
    JobCompletion completion;

    @Override
    public void afterPartitionedStepCompletion(PartitionStatus status) {
        WorkflowRun run = runs.get(Long.parseLong(jobRowId));
        if (run != null && (run.hasFailures() || run.hasLostResults())) {
            stepContext.setExitStatus(BLOCKS_FAILED);
        }
        BatchStatus batchStatus = jobContext.getBatchStatus();
        completion.finish(Long.parseLong(jobRowId),
                batchStatus == BatchStatus.STOPPING || batchStatus == BatchStatus.STOPPED,
                WorkflowJobListener.noRunError(jobContext.getExecutionId()));
    }
}
