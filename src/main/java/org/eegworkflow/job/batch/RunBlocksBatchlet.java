package org.eegworkflow.job.batch;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.lifecycle.JobDispatcher;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.run.BlockExecutor;
import org.eegworkflow.job.control.run.CannotRunException;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.platform.DatabaseFailures;

/**
 * The step that runs an admitted job's blocks: opens the job's run, has the executor run its blocks (several at once
 * on the app's own worker threads when the graph allows), and reports the blocks done. Its exit status is
 * {@value #BLOCKS_FAILED} when a block failed, which the job XML turns into a failed execution. The job is ended here
 * ({@link JobLifecycle#blocksDone}), not only by the job listener: JBeret skips job listeners when it cannot write its
 * repository at the step's end (the database went away), and the job must not stay RUNNING for that.
 */
@Named
@Dependent
public class RunBlocksBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(RunBlocksBatchlet.class.getName());
    static final String BLOCKS_FAILED = "BLOCKS_FAILED";
    static final String BLOCKS_DONE = "BLOCKS_DONE";

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    WorkflowRuns runs;

    @Inject
    BlockExecutor executor;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    JobContext jobContext;

    private volatile WorkflowRun run;

    @Override
    public String process() throws Exception {
        long rowId = Long.parseLong(jobRowId);
        run = open(rowId);
        boolean failed = false;
        try {
            executor.run(run);
            failed = run.hasFailures() || run.hasLostResults() || run.engineError() != null;
        } finally {
            done(rowId);
        }
        return failed ? BLOCKS_FAILED : BLOCKS_DONE;
    }

    /** The job's run, or why it cannot run (recorded with the job, which then fails and is not run again by itself). */
    private WorkflowRun open(long rowId) {
        if (!dispatcher.isAdmitted(rowId, jobContext.getExecutionId())) {
            // JBeret goes on to this step even when the admission step failed (its transition is "*")
            throw new IllegalStateException("execution " + jobContext.getExecutionId() + " of job row " + rowId
                    + " was not admitted");
        }
        try {
            return runs.open(rowId);
        } catch (CannotRunException e) {
            // its workflow or modules no longer compile: it fails saying why
            lifecycle.cannotRun(rowId, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                // the job itself cannot run (not the database)
                lifecycle.cannotRun(rowId, "");
            }
            throw e;
        } catch (Throwable t) {
            // an Error while the run was read (its checkpoints, its modules' classes): the job fails with the reason;
            // the batch runtime gets an exception it handles like any other failed step
            ErrorReasons.restoreInterrupt(t);
            ErrorReasons.rethrowIfThreadDeath(t);
            lifecycle.cannotRun(rowId, "the server could not open this job's run: "
                    + ErrorReasons.describe(t, "reading the workflow, its modules and checkpoints", 0));
            throw new IllegalStateException("job row " + rowId + ": its run could not be opened", t);
        }
    }

    /** Every worker has stopped: the job ends (blocksDone never throws), stopped if a stop was asked for. */
    private void done(long rowId) {
        boolean stopped = false;
        try {
            BatchStatus batchStatus = jobContext.getBatchStatus();
            stopped = batchStatus == BatchStatus.STOPPING || batchStatus == BatchStatus.STOPPED;
        } catch (Throwable t) {
            // the batch runtime's own bookkeeping is its affair; the job still ends
            LOG.log(Level.SEVERE, "job row " + rowId + ": the step's end could not be read", t);
            ErrorReasons.restoreInterrupt(t);
        }
        lifecycle.blocksDone(rowId, jobContext.getExecutionId(), stopped);
    }

    @Override
    public void stop() {
        WorkflowRun open = run != null ? run : runs.get(Long.parseLong(jobRowId));
        if (open != null) {
            open.cancel();
        }
    }
}
