package org.eegworkflow.job.control;

import java.util.List;
import java.util.Properties;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.platform.ApiException;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.control.WorkflowValidator;

/** Schedules workflows as batch jobs and finds a user's jobs. */
@ApplicationScoped
public class JobService {
    /** The batch job that runs every workflow: META-INF/batch-jobs/workflow.xml. */
    public static final String BATCH_JOB = "workflow";
    /** The job parameter that tells the batch job which stored workflow to run. */
    public static final String JOB_ROW_ID = "jobRowId";

    @Inject
    JobStore store;

    @Inject
    BlockRegistry registry;

    /**
     * Validates the workflow, stores it and starts its batch job. An invalid workflow is refused before anything is
     * stored; a job whose start fails is removed again.
     *
     * @return the job id: the batch execution id
     */
    public long schedule(long ownerId, String workflowText) {
        JsonObject workflow = WorkflowParser.readObject(workflowText);
        WorkflowValidator.validate(WorkflowParser.parse(workflow), registry);
        Job job = store.create(ownerId, workflow.toString());
        Properties parameters = new Properties();
        parameters.setProperty(JOB_ROW_ID, Long.toString(job.getId()));
        long executionId;
        try {
            executionId = operator().start(BATCH_JOB, parameters);
        } catch (RuntimeException e) {
            store.delete(job.getId());
            throw e;
        }
        store.assignExecution(job.getId(), executionId);
        return executionId;
    }

    public List<Job> list(long ownerId) {
        return store.listForOwner(ownerId);
    }

    /** The caller's job with that id; anyone else's is as absent as a job that never existed. */
    public Job find(long jobId, long ownerId) {
        return store.findForOwner(jobId, ownerId)
                .orElseThrow(() -> ApiException.notFound("job " + jobId + " not found"));
    }

    public List<BlockRun> blockRuns(Job job) {
        return store.blockRuns(job.getId());
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
