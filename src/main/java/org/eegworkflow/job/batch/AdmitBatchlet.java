package org.eegworkflow.job.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.job.control.JobDispatcher;
import org.eegworkflow.job.control.JobEvents;
import org.eegworkflow.job.control.JobLauncher;
import org.eegworkflow.job.control.JobStore;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.Settings;

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

    @Override
    public String process() {
        long id = Long.parseLong(jobRowId);
        Job job = store.load(id);
        boolean ours = job != null && settings.node().equals(job.getNode());
        if (job == null || job.getStatus() != JobStatus.QUEUED || !ours) {
            // deleted or stopped while it waited, or taken over by another node: nothing to run, and any place the
            // dispatcher kept for it goes to the next job (unless it runs here already, in another execution)
            if (!(ours && job.getStatus() == JobStatus.RUNNING)) {
                dispatcher.release(id);
            }
            return DEFERRED;
        }
        if (!dispatcher.admit(id, job.getOwnerId())) {
            return DEFERRED;
        }
        if (!store.markRunning(id, jobContext.getExecutionId(), settings.node())) {
            // stopped (or taken over) between the two reads
            dispatcher.release(id);
            return DEFERRED;
        }
        events.jobChanged(id, JobStatus.RUNNING, null);
        return ADMITTED;
    }
}
