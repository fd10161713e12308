package org.eegworkflow.job.batch;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.JobDispatcher;
import org.eegworkflow.job.control.MemoryNeed;
import org.eegworkflow.job.control.WorkflowRuns;
import org.eegworkflow.job.control.JobEvents;
import org.eegworkflow.job.control.JobLauncher;
import org.eegworkflow.job.control.JobStore;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;

/**
 * The job's first step: asks the dispatcher for a place. Admitted, the job is RUNNING and goes on to its blocks;
 * otherwise the execution ends here with exit status {@value #DEFERRED}, the job stays QUEUED, and the dispatcher
 * starts it again when a place is free.
 */
@Named
@Dependent
public class AdmitBatchlet extends AbstractBatchlet {
    static final String DEFERRED = "DEFERRED";
    static final String ADMITTED = "ADMITTED";

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    JobContext jobContext;

    @Inject
    JobStore store;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JobEvents events;

    @Inject
    Settings settings;

    @Inject
    JobLauncher launcher;

    @Inject
    DatabaseRetry retry;

    @Inject
    WorkflowRuns runs;

    @Override
    public String process() {
        long id = Long.parseLong(jobRowId);
        try {
            return admit(id);
        } catch (Throwable t) {
            if (t instanceof RuntimeException e && DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            // an Error (or a fault of the engine's own) while the job was admitted: it ends FAILED with the reason
            // and frees any place it had, rather than staying QUEUED (or RUNNING) for good
            ErrorReasons.restoreInterrupt(t);
            failed(id, "the server could not start this job: " + ErrorReasons.describe(t, "its admission", 0), t);
            ErrorReasons.rethrowIfThreadDeath(t);
            return deferred();
        }
    }

    private String admit(long id) {
        if (launcher.isAbandoned(id)) {
            return deferred();
        }
        Job job;
        try {
            job = retry.call("the admission of job row " + id, () -> store.load(id));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            // the database stayed away: this execution ends, a new one starts once it is back
            if (!dispatcher.requeue(id)) {
                relaunchLater(id);
            }
            return deferred();
        }
        boolean ours = job != null && settings.node().equals(job.getNode());
        if (job == null || job.getStatus() != JobStatus.QUEUED || !ours) {
            // deleted or stopped while it waited, or taken over by another node: nothing to run, and any place the
            // dispatcher kept for it goes to the next job (unless it runs here already, in another execution)
            if (!(ours && job.getStatus() == JobStatus.RUNNING)) {
                dispatcher.release(id);
            }
            return deferred();
        }
        MemoryNeed need = runs.need(job);
        String never = dispatcher.neverFits(need.largestMb());
        if (never != null) {
            // it would wait for good: it fails at once, saying what it needs and what the server allows
            if (store.finishIf(id, JobStatus.QUEUED, settings.node(), JobStatus.FAILED, never)) {
                events.jobChanged(id, JobStatus.FAILED, never);
            }
            dispatcher.release(id);
            return deferred();
        }
        if (!dispatcher.admit(id, job.getOwnerId(), jobContext.getExecutionId(),
                need.reserveMb(settings.memoryBudgetMb()))) {
            return deferred();
        }
        boolean marked;
        try {
            marked = retry.call("the RUNNING status of job row " + id,
                    () -> store.markRunning(id, jobContext.getExecutionId(), settings.node()));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                dispatcher.release(id);
                throw e;
            }
            dispatcher.requeue(id);
            return deferred();
        }
        if (!marked) {
            // stopped (or taken over) between the two reads
            dispatcher.release(id);
            return deferred();
        }
        if (launcher.isAbandoned(id)) {
            dispatcher.release(id);
            return deferred();
        }
        events.jobChanged(id, JobStatus.RUNNING, null);
        return ADMITTED;
    }

    private void failed(long id, String reason, Throwable t) {
        Logger.getLogger(AdmitBatchlet.class.getName()).log(Level.SEVERE,
                "job row " + id + " could not be admitted; it ends FAILED", t);
        long execution = jobContext.getExecutionId();
        if (dispatcher.isAdmittedElsewhere(id, execution)) {
            // another execution runs the job: this one only ends
            return;
        }
        try {
            String node = settings.node();
            if (store.finishIf(id, JobStatus.QUEUED, node, JobStatus.FAILED, reason)
                    || (dispatcher.isAdmitted(id, execution)
                    && store.finishIf(id, JobStatus.RUNNING, node, JobStatus.FAILED, reason))) {
                events.jobChanged(id, JobStatus.FAILED, reason);
            }
        } catch (Throwable again) {
            ErrorReasons.restoreInterrupt(again);
            Logger.getLogger(AdmitBatchlet.class.getName()).log(Level.SEVERE,
                    "job row " + id + ": FAILED could not be written", again);
        } finally {
            dispatcher.release(id);
        }
    }

    /** This execution runs nothing; the job listener must not take its end for the job's end. */
    private String deferred() {
        jobContext.setTransientUserData(DEFERRED);
        return DEFERRED;
    }

    private void relaunchLater(long id) {
        retry.eventually("a new execution of job row " + id, () -> launcher.launch(id));
    }
}
