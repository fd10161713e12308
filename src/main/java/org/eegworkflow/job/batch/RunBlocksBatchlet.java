package org.eegworkflow.job.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.run.BlockExecutor;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;

/** One worker of a job: runs ready blocks until none are left. */
@Named
@Dependent
public class RunBlocksBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    WorkflowRuns runs;

    @Inject
    BlockExecutor executor;

    @Override
    public String process() throws Exception {
        WorkflowRun run = runs.get(Long.parseLong(jobRowId));
        if (run == null) {
            throw new IllegalStateException("no open run for job row " + jobRowId);
        }
        try {
            executor.drain(run);
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable t) {
            // this worker cannot go on (an Error outside any block): the job must still end, FAILED with the reason,
            // not wait for this worker's blocks for good
            ErrorReasons.restoreInterrupt(t);
            run.abort("the server could not go on with this job: "
                    + ErrorReasons.describe(t, "a worker of the job", 0));
            ErrorReasons.rethrowIfThreadDeath(t);
        }
        return "DRAINED";
    }

    @Override
    public void stop() {
        WorkflowRun run = runs.get(Long.parseLong(jobRowId));
        if (run != null) {
            run.cancel();
        }
    }
}
