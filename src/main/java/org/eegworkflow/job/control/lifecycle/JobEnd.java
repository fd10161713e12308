package org.eegworkflow.job.control.lifecycle;

import java.time.Duration;

import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.entity.JobStatus;

/**
 * How a job's run ended, decided once from what the run says: the final status with its reason, or that the batch
 * runtime lost the execution before the blocks were done (no block failed, nothing was stopped: then the job runs
 * again rather than ending).
 *
 * @param status             the final status (meaningful unless the job runs again)
 * @param error              the reason of a FAILED job, or null
 * @param lostByBatchRuntime nothing in the run explains its end: the batch runtime ended it
 */
public record JobEnd(JobStatus status, String error, boolean lostByBatchRuntime) {

    /**
     * @param run        the run as it ended, or null when it was never opened here
     * @param stopped    the batch runtime was asked to stop the execution
     * @param cannotRun  why the run could not be opened ("" for no reason given), or null when it could
     * @param noRunError the reason of a job that ended before its blocks could run
     * @param dbRetry    how long the engine retries a write, for the reason of lost results
     */
    public static JobEnd of(WorkflowRun run, boolean stopped, String cannotRun, String noRunError,
            Duration dbRetry) {
        boolean lost = !stopped && cannotRun == null && (run == null || (!run.isCancelled() && !run.isSettled()
                && !run.hasFailures() && !run.hasLostResults() && run.engineError() == null));
        if (stopped || (run != null && run.isCancelled())) {
            return new JobEnd(JobStatus.STOPPED, null, lost);
        }
        if (run == null) {
            return new JobEnd(JobStatus.FAILED, cannotRun != null && !cannotRun.isEmpty() ? cannotRun : noRunError,
                    lost);
        }
        if (run.engineError() != null) {
            return new JobEnd(JobStatus.FAILED, run.firstFailure() == null ? run.engineError()
                    : "a block failed: " + run.firstFailure() + "; then " + run.engineError(), lost);
        }
        if (run.hasLostResults()) {
            return new JobEnd(JobStatus.FAILED, "the database was unavailable for longer than " + dbRetry.toSeconds()
                    + " s, so some block results could not be stored; restart the job to finish it", lost);
        }
        if (run.hasFailures()) {
            return new JobEnd(JobStatus.FAILED, run.firstFailure() == null ? "a block failed"
                    : "a block failed: " + run.firstFailure(), lost);
        }
        if (!run.isSettled()) {
            return new JobEnd(JobStatus.FAILED, "the job ended before all of its blocks ran", lost);
        }
        return new JobEnd(JobStatus.COMPLETED, null, lost);
    }
}
