package org.eegworkflow.job.control.lifecycle;

import java.time.Duration;
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

import org.eegworkflow.job.control.store.JobRows;
import org.eegworkflow.job.control.store.RemoteTasks;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.workflow.control.Dag;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * Nothing is left in a lie. At start-up, a job that was RUNNING on this node when it stopped is FAILED with the reason
 * (and can be restarted), and jobs that were QUEUED here are started again once the application is up. With several
 * nodes on one database, a node that died and stays away is found out by its heartbeat (by the cluster package); one
 * live node fails its RUNNING jobs the same way and takes over its QUEUED ones. Each job changes hands through the
 * lifecycle's conditional updates, so of two nodes doing this at once only one acts on it. A job row whose scheduling
 * never completed (no execution id: its client got no job id) is removed, and the lifecycle's watchdog starts.
 */
@ApplicationScoped
public class JobRecovery {
    static final String INTERRUPTED = "the server stopped while this job was running; restart the job to finish it";
    private static final String BLOCK_INTERRUPTED = "interrupted: the server stopped while this block ran";
    /** A row this old without an execution id is no schedule request in progress (on this or another server). */
    private static final java.time.Duration ORPHAN_AGE = java.time.Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    @Inject
    JobRows store;

    @Inject
    JobLauncher launcher;

    @Inject
    Settings settings;

    @Inject
    JobLifecycle lifecycle;

    /** The blocks handed to a cluster's scheduler; null in tests that wire the recovery without them. */
    @Inject
    RemoteTasks remoteTasks;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        String node = settings.node();
        int failed = 0;
        List<Job> queued = new ArrayList<>();
        for (Job job : store.ofNodeOrNone(JobStatus.RUNNING, node)) {
            String owner = job.getNode() == null ? node : job.getNode();
            if (hasRemoteWork(job) && lifecycle.resumeInterrupted(job, owner)) {
                LOG.info("job " + job.getExecutionId() + " (row " + job.getId() + ") has blocks running in the"
                        + " cluster's scheduler: it runs again here and waits for them");
                // QUEUED here now: started below with the others
            } else if (fail(job, owner, INTERRUPTED, BLOCK_INTERRUPTED)) {
                failed++;
            }
        }
        if (failed > 0) {
            LOG.warning(failed + " job(s) were running when this server (node " + node + ") stopped; they are now"
                    + " FAILED");
        }
        long orphanedBefore = System.currentTimeMillis() - ORPHAN_AGE.toMillis();
        for (Job job : store.ofNodeOrNone(JobStatus.QUEUED, node)) {
            if (job.getExecutionId() != null) {
                queued.add(job);
            } else if (job.getCreatedAt().toEpochMilli() < orphanedBefore) {
                // its client never got a job id (the request failed, or the server stopped before answering):
                // running it now would make a job nobody asked for twice
                LOG.warning("job row " + job.getId() + " was stored but never got its execution id; removed");
                store.delete(job.getId());
            }
        }
        scheduler.scheduleWithFixedDelay(lifecycle::watch, JobLifecycle.watchInterval().toSeconds(),
                JobLifecycle.watchInterval().toSeconds(), TimeUnit.SECONDS);
        if (!queued.isEmpty()) {
            // batch jobs are started once the deployment is complete, not while it is still being set up
            scheduler.schedule(() -> relaunch(queued, node), 2, TimeUnit.SECONDS);
        }
    }

    /**
     * A node that stopped answering: its RUNNING jobs are FAILED with a reason naming it, and its QUEUED jobs are
     * started here instead.
     *
     * @return whether the node has no RUNNING or QUEUED jobs left (so it may be forgotten)
     */
    public boolean recoverDeadNode(String dead, Duration silence) {
        String reason = "node " + dead + " stopped answering (no heartbeat for " + silence.toSeconds()
                + " s) while this job was running; restart the job to finish it";
        String blockReason = "interrupted: node " + dead + " stopped answering while this block ran";
        List<Job> running = store.ofNode(JobStatus.RUNNING, dead);
        List<Job> resumed = new ArrayList<>();
        for (Job job : running) {
            if (hasRemoteWork(job) && lifecycle.resumeInterrupted(job, dead)) {
                // its blocks run on in Slurm: this node waits for them instead of failing the job
                LOG.info("job " + job.getExecutionId() + " (row " + job.getId() + ") of node " + dead
                        + " runs on here, attached to its blocks in the cluster's scheduler");
                resumed.add(job);
            } else if (fail(job, dead, reason, blockReason)) {
                LOG.warning("job " + job.getExecutionId() + " (row " + job.getId() + ") FAILED: " + reason);
            }
        }
        List<Job> queued = store.ofNode(JobStatus.QUEUED, dead);
        String here = settings.node();
        // a row without an execution id never gave its client a job id: it is not run, only removed
        queued.stream().filter(job -> job.getExecutionId() == null).forEach(job -> store.delete(job.getId()));
        relaunch(resumed, here);
        relaunch(queued.stream().filter(job -> job.getExecutionId() != null
                && lifecycle.takeOver(job.getId(), dead)).toList(), here);
        return store.ofNode(JobStatus.RUNNING, dead).isEmpty() && store.ofNode(JobStatus.QUEUED, dead).isEmpty();
    }

    /** Whether blocks of the job were handed to a cluster's scheduler and have not ended there. */
    private boolean hasRemoteWork(Job job) {
        if (remoteTasks == null) {
            return false;
        }
        try {
            return !remoteTasks.liveOfJob(job.getId()).isEmpty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job row " + job.getId() + ": its remote tasks could not be read", e);
            return false;
        }
    }

    /** Fails a job still RUNNING on that node, with the blocks that were running. @return whether this call did */
    private boolean fail(Job job, String node, String reason, String blockReason) {
        return lifecycle.failInterrupted(job, node, reason, interrupted -> interruptedBlocks(interrupted, blockReason));
    }

    /**
     * The blocks that were running when the job's node stopped: those with no result whose inputs had all arrived. (A
     * running block's result is only stored when it ends.)
     */
    private List<BlockRun> interruptedBlocks(Job job, String reason) {
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
                        null, null, "", reason, null, now));
            }
        }
        return interrupted;
    }

    /** Starts queued jobs of this node; one from before nodes were recorded becomes this node's first. */
    private void relaunch(List<Job> queued, String node) {
        for (Job job : queued) {
            try {
                if (job.getNode() == null && !lifecycle.takeOver(job.getId(), node)) {
                    continue;
                }
                launcher.launch(job.getId());
            } catch (RuntimeException | Error e) {
                // one job that cannot be started (an Error too) must not keep the others from starting
                LOG.log(Level.SEVERE, "could not start queued job row " + job.getId(), e);
            }
        }
    }
}
