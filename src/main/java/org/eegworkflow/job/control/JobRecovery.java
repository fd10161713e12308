package org.eegworkflow.job.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.workflow.control.Dag;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * At start-up, nothing is left in a lie: a job that was RUNNING when the server stopped is FAILED with the reason
 * (and can be restarted), and jobs that were QUEUED are started again once the application is up.
 */
@ApplicationScoped
public class JobRecovery {
    static final String INTERRUPTED = "the server stopped while this job was running; restart the job to finish it";
    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    @Inject
    JobStore store;

    @Inject
    JobLauncher launcher;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        List<Job> failed = store.failInterrupted(INTERRUPTED);
        for (Job job : failed) {
            store.saveResults(interruptedBlocks(job));
        }
        if (!failed.isEmpty()) {
            LOG.warning(failed.size() + " job(s) were running when the server stopped; they are now FAILED");
        }
        List<Job> queued = store.withStatus(JobStatus.QUEUED);
        if (!queued.isEmpty()) {
            // batch jobs are started once the deployment is complete, not while it is still being set up
            scheduler.schedule(() -> relaunch(queued), 2, TimeUnit.SECONDS);
        }
    }

    /**
     * The blocks that were running when the server stopped: those with no result whose inputs had all arrived. (A
     * running block's result is only stored when it ends.)
     */
    private List<BlockRun> interruptedBlocks(Job job) {
        Workflow workflow = WorkflowParser.parse(WorkflowParser.readObject(job.getWorkflow()));
        Dag dag = Dag.of(workflow);
        Map<Integer, BlockStatus> results = new HashMap<>();
        store.blockRuns(job.getId()).forEach(run -> results.put(run.getBlockId(), run.getStatus()));
        Instant now = Instant.now();
        List<BlockRun> interrupted = new ArrayList<>();
        for (int block : workflow.blocks().keySet()) {
            boolean ready = dag.upstreamOf(block).stream().allMatch(up -> results.get(up) == BlockStatus.COMPLETED);
            if (!results.containsKey(block) && ready) {
                interrupted.add(new BlockRun(job.getId(), block, Math.max(1, job.getAttempts()), BlockStatus.FAILED,
                        null, null, "", "interrupted: the server stopped while this block ran", null, now));
            }
        }
        return interrupted;
    }

    private void relaunch(List<Job> queued) {
        for (Job job : queued) {
            try {
                long executionId = launcher.launch(job.getId());
                if (job.getExecutionId() == null) {
                    // stored, but the server stopped before it learnt its execution id
                    store.assignExecution(job.getId(), executionId);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not start queued job row " + job.getId(), e);
            }
        }
    }
}
