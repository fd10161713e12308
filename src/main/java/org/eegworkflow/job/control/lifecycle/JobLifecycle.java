package org.eegworkflow.job.control.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.run.MemoryNeed;
import org.eegworkflow.job.control.run.WorkflowPlans;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.control.store.JobRows;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.BatchOperator;
import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;

/**
 * The one owner of a job's status: every change of it is made here, and nowhere else. Each is a conditional update of
 * the job's row ({@link JobRows}) that says whether it happened, so of two threads or nodes making the same change
 * exactly one does, and each that happened is published to the job's listeners once:
 * <pre>
 *   transition        from                    to                         made by
 *   admitted          QUEUED here             RUNNING                    admit
 *   deferred          QUEUED                  (stays; execution ends)    admit
 *   cannot ever run   QUEUED here             FAILED                     admit
 *   stopped waiting   QUEUED                  STOPPED                    stop
 *   ended             RUNNING here            COMPLETED/FAILED/STOPPED   blocksDone, executionEnded, watchdog
 *   lost by runtime   RUNNING here            QUEUED (runs again)        blocksDone, executionEnded
 *   restarted         FAILED/STOPPED          QUEUED here                restart
 *   recovered         RUNNING on a gone node  FAILED                     failInterrupted
 *   taken over        QUEUED on a gone node   QUEUED here                takeOver
 * </pre>
 * A final status is written by {@link #writeEnd} alone. Batch artifacts, the dispatcher, recovery and the cluster code
 * report what happened (an execution ended, the blocks are done, a node is gone) and hold no status logic of their
 * own; the dispatcher only keeps the places (who runs, who waits, and who is ending a run).
 */
@ApplicationScoped
public class JobLifecycle {
    static final String LOST = "the batch runtime lost this job's execution while the database was unavailable;"
            + " restart the job to finish it";
    static final String STOPPED_WAITING = "stopped before it started";
    private static final Logger LOG = Logger.getLogger(JobLifecycle.class.getName());
    private static final int FAIL_ATTEMPTS = 60;

    @Inject
    JobRows rows;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    WorkflowRuns runs;

    @Inject
    WorkflowPlans plans;

    @Inject
    JobEvents events;

    @Inject
    JobLauncher launcher;

    @Inject
    DatabaseRetry retry;

    @Inject
    Settings settings;

    /** The time written as a job's start and end; a test's own clock in tests. */
    Clock clock = Clock.systemUTC();

    /** Job rows whose scheduling failed after their execution started: that execution runs nothing. */
    private final Set<Long> abandoned = ConcurrentHashMap.newKeySet();

    /**
     * Jobs whose run could not be opened for a reason of their own, with that reason ("" when the caller gave none):
     * they fail rather than run again.
     */
    private final Map<Long, String> cannotRun = new ConcurrentHashMap<>();

    /** Job row id to when the watchdog first saw it with nothing left to run (epoch millis). */
    private final Map<Long, Long> idleSince = new ConcurrentHashMap<>();

    /** What an execution's admission step decided. */
    public enum Admission {
        /** The job is RUNNING in this execution: its blocks run next. */
        RUN,
        /** This execution runs nothing and ends; the job waits QUEUED, has ended, or runs in another execution. */
        DEFER
    }

    // ---- admission -------------------------------------------------------------------------------------------

    /**
     * The admission of an execution of a stored job. Admitted, the job is RUNNING; over a limit it waits QUEUED for
     * the dispatcher to start it again; one that can never fit fails at once saying why. Never throws but while the
     * database is away (the batch runtime then fails the execution, and {@link #executionEnded} starts a new one):
     * anything else, an {@link Error} included, fails the job with the reason and frees any place it had.
     */
    public Admission admit(long rowId, long executionId) {
        try {
            return admitOnce(rowId, executionId);
        } catch (Throwable t) {
            if (t instanceof RuntimeException e && DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            ErrorReasons.restoreInterrupt(t);
            LOG.log(Level.SEVERE, "job row " + rowId + " could not be admitted; it ends FAILED", t);
            failAdmission(rowId, executionId, "the server could not start this job: "
                    + ErrorReasons.describe(t, "its admission", 0));
            ErrorReasons.rethrowIfThreadDeath(t);
            return Admission.DEFER;
        }
    }

    private Admission admitOnce(long rowId, long executionId) {
        if (abandoned.contains(rowId)) {
            return Admission.DEFER;
        }
        String node = settings.node();
        java.util.Optional<Job> job = retry.callOr("the admission of job row " + rowId,
                () -> java.util.Optional.ofNullable(rows.load(rowId)), () -> null);
        if (job == null) {
            // the database stayed away: this execution ends, a new one starts once it is back
            if (!dispatcher.requeue(rowId)) {
                retry.eventually("a new execution of job row " + rowId, () -> launcher.launch(rowId));
            }
            return Admission.DEFER;
        }
        if (job.isEmpty()) {
            // deleted while it waited: any place the dispatcher kept for it goes to the next job
            dispatcher.release(rowId);
            return Admission.DEFER;
        }
        return admitLoaded(rowId, job.get(), executionId, node);
    }

    private Admission admitLoaded(long rowId, Job job, long executionId, String node) {
        boolean ours = node.equals(job.getNode());
        if (job.getStatus() != JobStatus.QUEUED || !ours) {
            // stopped while it waited, or taken over by another node: nothing to run, and any place the dispatcher
            // kept for it goes to the next job (unless it runs here already, in another execution)
            if (!(ours && job.getStatus() == JobStatus.RUNNING)) {
                dispatcher.release(rowId);
            }
            return Admission.DEFER;
        }
        MemoryNeed need = runs.need(job);
        String never = dispatcher.neverFits(need.largestMb());
        if (never != null) {
            // it would wait for good: it fails at once, saying what it needs and what the server allows
            writeEnd(rowId, JobStatus.QUEUED, node, JobStatus.FAILED, never);
            dispatcher.release(rowId);
            return Admission.DEFER;
        }
        if (!dispatcher.admit(rowId, job.getOwnerId(), executionId, need.reserveMb(settings.memoryBudgetMb()))) {
            return Admission.DEFER;
        }
        Boolean marked;
        try {
            marked = retry.callOr("the RUNNING status of job row " + rowId,
                    () -> rows.markRunning(rowId, executionId, node, clock.millis()), () -> null);
        } catch (RuntimeException e) {
            dispatcher.release(rowId);
            throw e;
        }
        if (marked == null) {
            // the database stayed away: this execution ends, a new one starts once it is back
            dispatcher.requeue(rowId);
            return Admission.DEFER;
        }
        if (!marked || abandoned.contains(rowId)) {
            // stopped (or taken over) between the two reads, or its scheduling failed meanwhile
            dispatcher.release(rowId);
            return Admission.DEFER;
        }
        events.jobChanged(rowId, JobStatus.RUNNING, null);
        return Admission.RUN;
    }

    /** The admission threw: the job fails with the reason (unless another execution runs it) and frees its place. */
    private void failAdmission(long rowId, long executionId, String reason) {
        if (dispatcher.isAdmittedElsewhere(rowId, executionId)) {
            return;
        }
        try {
            String node = settings.node();
            if (!writeEnd(rowId, JobStatus.QUEUED, node, JobStatus.FAILED, reason)
                    && dispatcher.isAdmitted(rowId, executionId)) {
                writeEnd(rowId, JobStatus.RUNNING, node, JobStatus.FAILED, reason);
            }
        } catch (Throwable again) {
            ErrorReasons.restoreInterrupt(again);
            LOG.log(Level.SEVERE, "job row " + rowId + ": FAILED could not be written", again);
        } finally {
            dispatcher.release(rowId);
        }
    }

    // ---- the end of a run --------------------------------------------------------------------------------------

    /** The job's run cannot be opened (its workflow or modules, not the database): it ends FAILED, with the reason. */
    public void cannotRun(long rowId, String reason) {
        cannotRun.put(rowId, reason == null ? "" : reason);
    }

    /** Every block of the run has settled (the step's reducer, on the step's thread). */
    public void blocksDone(long rowId, long executionId, boolean stopped) {
        finish(rowId, stopped, noRunError(executionId));
    }

    /**
     * An execution ended (the job listener). One that ran the job ends it, unless the reducer did already; one that
     * was only deferred leaves it QUEUED; one that failed before its admission could run (the batch runtime could not
     * record its first step) is started again, a few times at most.
     *
     * @param deferred its admission decided {@link Admission#DEFER}
     */
    public void executionEnded(long rowId, long executionId, boolean deferred, boolean stopped, boolean failed) {
        try {
            if (deferred || dispatcher.wasEnded(executionId)) {
                return;
            }
            if (!dispatcher.isAdmitted(rowId, executionId)) {
                if (failed && dispatcher.mayRelaunch(rowId)) {
                    LOG.warning("execution " + executionId + " of job row " + rowId
                            + " failed before its admission; the job is started again");
                    if (!dispatcher.requeue(rowId)) {
                        retry.later(() -> retry.eventually("a new execution of job row " + rowId,
                                () -> launcher.launch(rowId)), Duration.ofSeconds(5));
                    }
                }
                return;
            }
            finish(rowId, stopped, noRunError(executionId));
        } catch (Throwable t) {
            // finish never throws; this is the bookkeeping around it (an Error): a job this execution ran still ends
            LOG.log(Level.SEVERE, "execution " + executionId + " of job row " + rowId
                    + ": its end could not be handled", t);
            ErrorReasons.restoreInterrupt(t);
            try {
                if (dispatcher.isAdmitted(rowId, executionId)) {
                    finish(rowId, false, noRunError(executionId));
                }
            } catch (Throwable again) {
                LOG.log(Level.SEVERE, "job row " + rowId + " is left to the watchdog", again);
            }
            ErrorReasons.rethrowIfThreadDeath(t);
        }
    }

    static String noRunError(long executionId) {
        return "the job failed before its blocks ran (execution " + executionId + ")";
    }

    /**
     * Ends the run of a running job, unless someone else already did. Never throws: whatever goes wrong while the end
     * is decided or written (an {@link Error} included), the job still ends FAILED and its place is freed, so no job
     * is left RUNNING and the next one starts.
     */
    void finish(long rowId, boolean stopped, String noRunError) {
        if (!dispatcher.claim(rowId)) {
            return;
        }
        boolean again = false;
        try {
            WorkflowRun run = runs.close(rowId);
            String cannot = cannotRun.remove(rowId);
            JobEnd end = JobEnd.of(run, stopped, cannot, noRunError, settings.databaseRetry());
            if (end.lostByBatchRuntime() && dispatcher.mayRunAgain(rowId)) {
                again = runAgain(rowId);
                if (again) {
                    return;
                }
            }
            LOG.fine(() -> "job row " + rowId + " ended " + end.status());
            endRunning(rowId, end.status(), end.error());
        } catch (Throwable t) {
            // deciding or writing the end failed for a reason not the database's (endRunning outlasts an outage)
            LOG.log(Level.SEVERE, "job row " + rowId + ": its end could not be written; it ends FAILED", t);
            again = false;
            ErrorReasons.restoreInterrupt(t);
            failAfterError(rowId, "the server could not end this job normally: "
                    + ErrorReasons.describe(t, "writing its end", 0), FAIL_ATTEMPTS);
            ErrorReasons.rethrowIfThreadDeath(t);
        } finally {
            idleSince.remove(rowId);
            try {
                if (again) {
                    dispatcher.requeue(rowId);
                } else {
                    dispatcher.release(rowId);
                }
            } catch (Throwable t) {
                // the next job's start failed (the dispatcher logged it); this job's end stands
                LOG.log(Level.SEVERE, "job row " + rowId + ": the next waiting job could not be started", t);
                ErrorReasons.restoreInterrupt(t);
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
    private boolean runAgain(long rowId) {
        if (!retry.callOr("the QUEUED status of job row " + rowId + " (to run again)",
                () -> rows.runAgain(rowId, settings.node()), () -> false)) {
            return false;
        }
        LOG.warning("job row " + rowId + ": the batch runtime lost its execution before the blocks were done"
                + " (the database was unavailable); it runs again");
        events.jobChanged(rowId, JobStatus.QUEUED, null);
        return true;
    }

    /** The final status of a job still RUNNING here: retried while the database is away, then in the background. */
    private void endRunning(long rowId, JobStatus status, String error) {
        String node = settings.node();
        String what = "the final status of job row " + rowId;
        // only if still running here: another node may have failed it as this one looked dead, and restarted it
        Runnable write = () -> writeEnd(rowId, JobStatus.RUNNING, node, status, error);
        retry.runOr(what, write, () -> retry.eventually(what, write));
    }

    /**
     * Writes FAILED for a job still RUNNING here after an Error got in the way of its normal end; tried again in the
     * background (every 5 s, a few minutes at most) while that keeps failing, as an out-of-memory may pass once a
     * block's arrays are collected.
     */
    void failAfterError(long rowId, String reason, int attemptsLeft) {
        try {
            writeEnd(rowId, JobStatus.RUNNING, settings.node(), JobStatus.FAILED, reason);
        } catch (Throwable t) {
            ErrorReasons.restoreInterrupt(t);
            if (attemptsLeft <= 1) {
                LOG.log(Level.SEVERE, "job row " + rowId + ": FAILED could not be written; it is failed at the"
                        + " next start of the server", t);
                return;
            }
            try {
                retry.later(() -> failAfterError(rowId, reason, attemptsLeft - 1), Duration.ofSeconds(5));
            } catch (Throwable again) {
                LOG.log(Level.SEVERE, "job row " + rowId + ": FAILED could not be written", again);
            }
        }
    }

    /**
     * The one place a final status is written: {@code expected} on {@code node} (or on none) becomes {@code status},
     * and only then is it published and the job's compiled plan let go (a restart compiles it again).
     *
     * @return whether this call ended the job
     */
    private boolean writeEnd(long rowId, JobStatus expected, String node, JobStatus status, String error) {
        if (!rows.finishIf(rowId, expected, node, status, error, clock.millis())) {
            return false;
        }
        plans.evict(rowId);
        events.jobChanged(rowId, status, error);
        return true;
    }

    // ---- requests of the job's owner -----------------------------------------------------------------------------

    /**
     * Stops a queued or running job: a waiting one simply ends STOPPED (it holds no thread); a running one here has
     * its blocks interrupted and its execution stopped, and ends STOPPED when its run ends; one running on another
     * node is stopped by that node, which notices the stop recorded on the job within a couple of seconds.
     */
    public void stop(Job job) {
        if (job.getStatus().isFinal()) {
            throw new ConflictException("job " + job.getExecutionId() + " has already ended (" + job.getStatus()
                    + ")");
        }
        String node = job.getNode() != null ? job.getNode() : settings.node();
        boolean here = node.equals(settings.node());
        boolean waiting = here && dispatcher.withdraw(job.getId());
        if ((waiting || job.getStatus() == JobStatus.QUEUED)
                && writeEnd(job.getId(), JobStatus.QUEUED, node, JobStatus.STOPPED, STOPPED_WAITING)) {
            return;
        }
        if (here) {
            interrupt(job.getId(), job.getLastExecutionId());
        } else {
            rows.requestStop(job.getId());
        }
    }

    /** Stops the run of a job on this server: its running blocks are interrupted and its batch execution stopped. */
    public void interrupt(long rowId, Long lastExecutionId) {
        WorkflowRun run = runs.get(rowId);
        if (run != null) {
            run.cancel();
        }
        if (lastExecutionId == null) {
            return;
        }
        try {
            BatchOperator.get().stop(lastExecutionId);
        } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
            // already over, or the batch runtime never knew it: the status its end writes stands
        }
    }

    /** Runs a failed or stopped job again, on this node, under the same id; blocks that completed are not run again. */
    public void restart(Job job) {
        if (job.getStatus() != JobStatus.FAILED && job.getStatus() != JobStatus.STOPPED) {
            throw new ConflictException("job " + job.getExecutionId() + " is " + job.getStatus()
                    + ": only a FAILED or STOPPED job can be restarted");
        }
        if (!rows.requeue(job.getId(), settings.node())) {
            throw new ConflictException("job " + job.getExecutionId() + " was restarted meanwhile");
        }
        // QUEUED already: a batch runtime that cannot record the start now starts it once the database is back
        retry.runOr("the start of job row " + job.getId(), Duration.ZERO, () -> launcher.launch(job.getId()),
                () -> dispatcher.defer(job.getId(), job.getOwnerId()));
    }

    // ---- scheduling that failed half-way ---------------------------------------------------------------------------

    /** The scheduling of this job row failed after its execution may have started: that execution runs nothing. */
    public void abandon(long rowId) {
        abandoned.add(rowId);
        plans.evict(rowId);
    }

    /** The abandoned row is gone from the database: nothing is left to remember. */
    public void forget(long rowId) {
        abandoned.remove(rowId);
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    /**
     * Fails a job still RUNNING on {@code node} (this one at its start, or a node that stopped answering), with the
     * blocks that were running.
     *
     * @return whether this call did
     */
    public boolean failInterrupted(Job job, String node, String reason, Function<Job,
            Collection<BlockRun>> interruptedBlocks) {
        if (!rows.finishIf(job.getId(), JobStatus.RUNNING, node, JobStatus.FAILED, reason, clock.millis())) {
            return false;
        }
        try {
            rows.saveResults(interruptedBlocks.apply(job));
        } catch (RuntimeException e) {
            // the job's status stands (a stored workflow that no longer reads, say): its listeners still hear of it
            LOG.log(Level.WARNING, "job row " + job.getId() + ": its interrupted blocks could not be recorded", e);
        }
        plans.evict(job.getId());
        events.jobChanged(job.getId(), JobStatus.FAILED, reason);
        return true;
    }

    /**
     * A job RUNNING on {@code node} when it stopped (this one at its start, or one that stopped answering) whose blocks
     * still run in a cluster's scheduler: QUEUED on this node again instead of FAILED, to run once more and wait for
     * those blocks (they are attached to, not submitted again); its completed blocks stay.
     *
     * @return whether this call did (false: another node failed or took it first)
     */
    public boolean resumeInterrupted(Job job, String node) {
        String here = settings.node();
        if (!node.equals(here) && !rows.claim(job.getId(), JobStatus.RUNNING, node, here)) {
            return false;
        }
        if (!rows.runAgain(job.getId(), here)) {
            return false;
        }
        plans.evict(job.getId());
        events.jobChanged(job.getId(), JobStatus.QUEUED, null);
        return true;
    }

    /**
     * A QUEUED job of another node (one gone, or none for a row from before nodes were recorded) becomes this node's.
     *
     * @return whether it did (false: another live node took it first, or it is no longer QUEUED)
     */
    public boolean takeOver(long rowId, String from) {
        return rows.claim(rowId, JobStatus.QUEUED, from, settings.node());
    }

    // ---- the watchdog ------------------------------------------------------------------------------------------

    /**
     * Finds running jobs whose execution is gone without ending them: nothing left to run (no run open, or a run
     * with every block settled) for longer than the engine retries a write. A job still QUEUED only had a place
     * reserved: it waits again; a RUNNING one is ended. Never throws (a scheduled task that throws never runs again).
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
        long now = clock.millis();
        long stall = settings.databaseRetry().plusSeconds(60).toMillis();
        for (Map.Entry<Long, Long> entry : dispatcher.runningSince().entrySet()) {
            long rowId = entry.getKey();
            WorkflowRun run = runs.get(rowId);
            boolean idle = run == null || run.isSettled() || ((run.isCancelled() || run.engineError() != null)
                    && run.runningBlocks().isEmpty());
            if (!idle) {
                idleSince.remove(rowId);
                continue;
            }
            long since = Math.max(entry.getValue(), idleSince.computeIfAbsent(rowId, id -> now));
            if (now - since < stall) {
                continue;
            }
            try {
                Job job = rows.load(rowId);
                if (job == null || job.getStatus().isFinal()) {
                    idleSince.remove(rowId);
                    dispatcher.release(rowId);
                } else if (job.getStatus() == JobStatus.QUEUED) {
                    LOG.warning("job row " + rowId + " had a place but its execution never started; it waits again");
                    idleSince.remove(rowId);
                    dispatcher.requeue(rowId);
                } else {
                    LOG.warning("job row " + rowId + ": " + LOST);
                    finish(rowId, false, LOST);
                }
            } catch (Throwable e) {
                // the database is still away, or an Error: next round
                LOG.log(e instanceof Error ? Level.WARNING : Level.FINE, "watchdog could not check job row " + rowId,
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
