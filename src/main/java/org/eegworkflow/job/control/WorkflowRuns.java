package org.eegworkflow.job.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.control.WorkflowValidator;
import org.eegworkflow.workflow.entity.Workflow;

/** The runs in progress on this server, by job row id: how the partitions of one job find their shared state. */
@ApplicationScoped
public class WorkflowRuns {
    private final Map<Long, WorkflowRun> runs = new ConcurrentHashMap<>();

    @Inject
    JobStore store;

    @Inject
    BlockRegistry registry;

    /** Builds the run of a job from the workflow stored with it. */
    public WorkflowRun open(long jobId) {
        Job job = store.load(jobId);
        if (job == null) {
            throw new IllegalStateException("job row " + jobId + " does not exist");
        }
        Workflow workflow = WorkflowParser.parse(WorkflowParser.readObject(job.getWorkflow()));
        Map<Integer, BlockSpec> specs = WorkflowValidator.validate(workflow, registry);
        WorkflowRun run = new WorkflowRun(jobId, workflow, specs);
        runs.put(jobId, run);
        return run;
    }

    public WorkflowRun get(long jobId) {
        return runs.get(jobId);
    }

    public WorkflowRun close(long jobId) {
        return runs.remove(jobId);
    }
}
