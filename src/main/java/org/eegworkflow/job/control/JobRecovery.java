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
 * (and can be restarted), jobs that were QUEUED are started again once the application is up, and a job row whose
 * scheduling never completed (no execution id: its client got no job id) is removed. Then the completion watchdog
 * starts.
 */
@ApplicationScoped
public class JobRecovery {
    static final String INTERRUPTED = "the server stopped while this job was running; restart the job to finish it";
    /** A row this old without an execution id is no schedule request in progress (on this or another server). */
    private static final java.time.Duration ORPHAN_AGE = java.time.Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    @Inject
    JobStore store;

    @Inject
    JobLauncher launcher;

    @Inject
    JobCompletion completion;

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
        List<Job> queued = new ArrayList<>();
        long orphanedBefore = System.currentTimeMillis() - ORPHAN_AGE.toMillis();
        for (Job job : store.withStatus(JobStatus.QUEUED)) {
            if (job.getExecutionId() != null) {
                queued.add(job);
            } else if (job.getCreatedAt().toEpochMilli() < orphanedBefore) {
                // its client never got a job id (the request failed, or the server stopped before answering):
                // running it now would make a job nobody asked for twice
                LOG.warning("job row " + job.getId() + " was stored but never got its execution id; removed");
                store.delete(job.getId());
            }
        }
        scheduler.scheduleWithFixedDelay(completion::watch, JobCompletion.watchInterval().toSeconds(),
                JobCompletion.watchInterval().toSeconds(), TimeUnit.SECONDS);
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
                launcher.launch(job.getId());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not start queued job row " + job.getId(), e);
            }
        }
    }
}
