package org.eegworkflow.job.control;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;

/**
 * Ends a job's run exactly once: its final status is written (retried while the database is away, then in the
 * background until it is back) and its place goes to a waiting job. The end is noticed by the step's reducer once
 * every block has run, by the job listener, or, when the batch runtime lost the execution (JBeret skips job
 * listeners when it cannot write its own repository at a step's end), by a watchdog.
 */
@ApplicationScoped
public class JobCompletion {
    static final String LOST = "the batch runtime lost this job's execution while the database was unavailable;"
            + " restart the job to finish it";
    private static final Logger LOG = Logger.getLogger(JobCompletion.class.getName());

    @Inject
    JobStore store;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    WorkflowRuns runs;

    @Inject
    JobEvents events;

    @Inject
    DatabaseRetry retry;

    @Inject
    Settings settings;

    /**
     * Jobs whose run could not be opened for a reason of their own, with that reason (or "" when the caller gave
     * none): they fail rather than run again.
     */
    private final Map<Long, String> cannotRun = new java.util.concurrent.ConcurrentHashMap<>();

    /** The job's run cannot be opened (its workflow or modules, not the database): it ends FAILED. */
    public void cannotRun(long jobId) {
        cannotRun.putIfAbsent(jobId, "");
    }

    /** As {@link #cannotRun(long)}, with the reason the job's error gives. */
    public void cannotRun(long jobId, String reason) {
        cannotRun.put(jobId, reason);
    }

    /** Job row id to when the watchdog first saw it with nothing left to run (epoch millis). */
    private final Map<Long, Long> idleSince = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Ends the run of a running job, unless someone else already did. Never throws: whatever goes wrong while the end
     * is decided or written (an {@link Error} included), the job still ends FAILED and its place is freed, so no job
     * is left RUNNING and the next one starts.
     *
     * @param stopped    the batch runtime was asked to stop it
     * @param noRunError the reason when the job ended before its blocks could run
     */
    public void finish(long jobId, boolean stopped, String noRunError) {
        if (!dispatcher.claim(jobId)) {
            return;
        }
        boolean again = false;
        try {
            WorkflowRun run = runs.close(jobId);
            String cannot = cannotRun.remove(jobId);
            boolean lostByBatchRuntime = !stopped && cannot == null && (run == null
                    || (!run.isCancelled() && !run.isSettled() && !run.hasFailures() && !run.hasLostResults()
                    && run.engineError() == null));
            if (lostByBatchRuntime && dispatcher.mayRunAgain(jobId)) {
                again = runAgain(jobId);
                if (again) {
                    return;
                }
            }
            JobStatus status;
            String error = null;
            if (stopped || (run != null && run.isCancelled())) {
                status = JobStatus.STOPPED;
            } else if (run == null) {
                status = JobStatus.FAILED;
                error = cannot != null && !cannot.isEmpty() ? cannot : noRunError;
            } else if (run.engineError() != null) {
                status = JobStatus.FAILED;
                error = run.firstFailure() == null ? run.engineError()
                        : "a block failed: " + run.firstFailure() + "; then " + run.engineError();
            } else if (run.hasLostResults()) {
                status = JobStatus.FAILED;
                error = "the database was unavailable for longer than " + settings.databaseRetry().toSeconds()
                        + " s, so some block results could not be stored; restart the job to finish it";
            } else if (run.hasFailures()) {
                status = JobStatus.FAILED;
                error = run.firstFailure() == null ? "a block failed" : "a block failed: " + run.firstFailure();
            } else if (!run.isSettled()) {
                status = JobStatus.FAILED;
                error = "the job ended before all of its blocks ran";
            } else {
                status = JobStatus.COMPLETED;
            }
            LOG.fine(() -> "job row " + jobId + " ended " + status);
            write(jobId, status, error);
        } catch (Throwable t) {
            // deciding or writing the end failed for a reason not the database's (write() outlasts an outage)
            LOG.log(Level.SEVERE, "job row " + jobId + ": its end could not be written; it ends FAILED", t);
            again = false;
            ErrorReasons.restoreInterrupt(t);
            failAfterError(jobId, "the server could not end this job normally: "
                    + ErrorReasons.describe(t, "writing its end", 0), FAIL_ATTEMPTS);
            ErrorReasons.rethrowIfThreadDeath(t);
        } finally {
            idleSince.remove(jobId);
            try {
                if (again) {
                    dispatcher.requeue(jobId);
                } else {
                    dispatcher.release(jobId);
                }
            } catch (Throwable t) {
                // the next job's start failed (the dispatcher logged it); this job's end stands
                LOG.log(Level.SEVERE, "job row " + jobId + ": the next waiting job could not be started", t);
                ErrorReasons.restoreInterrupt(t);
            }
        }
    }

    private static final int FAIL_ATTEMPTS = 60;

    /**
     * Writes FAILED for a job still RUNNING here after an Error got in the way of its normal end; tried again in the
     * background (every 5 s, a few minutes at most) while that keeps failing, as an out-of-memory may pass once a
     * block's arrays are collected.
     */
    void failAfterError(long jobId, String reason, int attemptsLeft) {
        try {
            if (store.finishIf(jobId, JobStatus.RUNNING, settings.node(), JobStatus.FAILED, reason)) {
                events.jobChanged(jobId, JobStatus.FAILED, reason);
            }
        } catch (Throwable t) {
            ErrorReasons.restoreInterrupt(t);
            if (attemptsLeft <= 1) {
                LOG.log(Level.SEVERE, "job row " + jobId + ": FAILED could not be written; it is failed at the"
                        + " next start of the server", t);
                return;
            }
            try {
                retry.later(() -> failAfterError(jobId, reason, attemptsLeft - 1), Duration.ofSeconds(5));
            } catch (Throwable again) {
                LOG.log(Level.SEVERE, "job row " + jobId + ": FAILED could not be written", again);
            }
        }
    }

    /**
     * The batch runtime ended the execution before the blocks were done, without a block failing: it failed to write
     * its own repository (the database went away at a step's start or end). The job is QUEUED again and runs once
     * more, as a restart would: blocks that completed are not run again.
     *
     * @return whether it is QUEUED again; false when even that could not be written
     */
    private boolean runAgain(long jobId) {
        try {
            if (!retry.call("the QUEUED status of job row " + jobId + " (to run again)",
                    () -> store.runAgain(jobId, settings.node()))) {
                return false;
            }
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            return false;
        }
        LOG.warning("job row " + jobId + ": the batch runtime lost its execution before the blocks were done"
                + " (the database was unavailable); it runs again");
        events.jobChanged(jobId, JobStatus.QUEUED, null);
        return true;
    }

    private void write(long jobId, JobStatus status, String error) {
        String node = settings.node();
        Runnable write = () -> {
            // only if still running here: another node may have failed it as this one looked dead, and restarted it
            if (store.finishIf(jobId, JobStatus.RUNNING, node, status, error)) {
                events.jobChanged(jobId, status, error);
            }
        };
        try {
            retry.run("the final status of job row " + jobId, write);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            retry.eventually("the final status of job row " + jobId, write);
        }
    }

    /**
     * Finds running jobs whose execution is gone without ending them: nothing left to run (no run open, or a run
     * with every block settled) for longer than the engine retries a write. A job still QUEUED only had a place
     * reserved: it waits again; a RUNNING one is ended.
     */
    void watch() {
        try {
            watchOnce();
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "watchdog round failed; it looks again in " + watchInterval().toSeconds() + " s", e);
            ErrorReasons.restoreInterrupt(e);
        }
    }

    private void watchOnce() {
        long now = System.currentTimeMillis();
        long stall = settings.databaseRetry().plusSeconds(60).toMillis();
        for (Map.Entry<Long, Long> entry : dispatcher.runningSince().entrySet()) {
            long jobId = entry.getKey();
            WorkflowRun run = runs.get(jobId);
            boolean idle = run == null || run.isSettled() || ((run.isCancelled() || run.engineError() != null)
                    && run.runningBlocks().isEmpty());
            if (!idle) {
                idleSince.remove(jobId);
                continue;
            }
            long since = Math.max(entry.getValue(), idleSince.computeIfAbsent(jobId, id -> now));
            if (now - since < stall) {
                continue;
            }
            try {
                Job job = store.load(jobId);
                if (job == null || job.getStatus().isFinal()) {
                    idleSince.remove(jobId);
                    dispatcher.release(jobId);
                } else if (job.getStatus() == JobStatus.QUEUED) {
                    LOG.warning("job row " + jobId + " had a place but its execution never started; it waits again");
                    idleSince.remove(jobId);
                    dispatcher.requeue(jobId);
                } else {
                    LOG.warning("job row " + jobId + ": " + LOST);
                    finish(jobId, false, LOST);
                }
            } catch (Throwable e) {
                // the database is still away, or an Error: next round (anything escaping would end the watchdog
                // for good: a scheduled task that throws is never run again)
                LOG.log(e instanceof Error ? Level.WARNING : Level.FINE, "watchdog could not check job row " + jobId,
                        e);
                ErrorReasons.restoreInterrupt(e);
            }
        }
    }

    /** How often the watchdog looks. */
    static Duration watchInterval() {
        return Duration.ofSeconds(10);
    }
}
