package org.eegworkflow.job.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.AbstractPartitionReducer;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.job.control.JobLauncher;
import org.eegworkflow.job.control.WorkflowRun;
import org.eegworkflow.job.control.WorkflowRuns;

/**
 * Once every partition is done (on the step's own thread): a step whose blocks failed ends with exit status {@value #BLOCKS_FAILED}, which the
 * job XML turns into a failed (and so restartable) job.
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

    @Override
    public void afterPartitionedStepCompletion(PartitionStatus status) {
        WorkflowRun run = runs.get(Long.parseLong(jobRowId));
        if (run != null && run.hasFailures()) {
            stepContext.setExitStatus(BLOCKS_FAILED);
        }
    }
}
