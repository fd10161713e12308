package org.eegworkflow.job.control.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.lifecycle.JobRecovery;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.job.entity.Node;
import org.eegworkflow.platform.Settings;

/**
 * This server as one node of several sharing the database (a single server is a cluster of one). Once a second it
 * writes its heartbeat (as often as {@code eegwf.node.heartbeat.seconds} asks), stops its jobs that a stop was asked
 * for on another node (or that another node has taken from it), hands the listeners of jobs running elsewhere what
 * changed in the database, and looks for nodes whose heartbeat stood still longer than {@code
 * eegwf.node.timeout.seconds}: their jobs are recovered ({@link JobRecovery#recoverDeadNode}).
 */
@ApplicationScoped
public class ClusterNode {
    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    private static final Duration TICK = Duration.ofSeconds(1);

    @Inject
    Settings settings;

    @Inject
    NodeStore nodes;

    @Inject
    JobStore store;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    WorkflowRuns runs;

    @Inject
    JobEvents events;

    @Inject
    JobRecovery recovery;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final NodeLiveness liveness = new NodeLiveness();
    private ScheduledFuture<?> ticking;
    private long lastBeatNanos;
    /** Local jobs already told to stop, so a block that takes its time to notice is not told every second. */
    private final Set<Long> interrupted = new HashSet<>();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        String node = settings.node();
        nodes.beat(node, System.currentTimeMillis());
        lastBeatNanos = System.nanoTime();
        LOG.info("this server is node " + node);
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 2000, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    /** Each part on its own: a database hiccup in one must not stop the others, nor the next tick. */
    private void tick() {
        String node = settings.node();
        run("heartbeat", () -> beat(node));
        run("stop requests", () -> stopRequested(node));
        run("remote job events", this::refreshRemoteJobs);
        run("dead nodes", () -> recoverDeadNodes(node));
    }

    private void beat(String node) {
        long now = System.nanoTime();
        if (now - lastBeatNanos >= settings.nodeHeartbeat().toNanos() - TICK.toNanos() / 2) {
            nodes.beat(node, System.currentTimeMillis());
            lastBeatNanos = now;
        }
    }

    /** Jobs running here that the database says should not: stopped from another node, or no longer ours. */
    private void stopRequested(String node) {
        Set<Long> local = runs.ids();
        interrupted.retainAll(local);
        for (JobStore.JobState state : store.states(local)) {
            boolean unwanted = state.stopRequested() || state.status() != JobStatus.RUNNING
                    || !node.equals(state.node());
            // a run that ended while the states were read is gone now (a run is closed before its end is written)
            if (unwanted && runs.get(state.id()) != null && interrupted.add(state.id())) {
                LOG.info("job row " + state.id() + " is stopped here: " + (state.stopRequested()
                        ? "a stop was asked for on another node" : "it is " + state.status() + " on node "
                        + state.node()));
                lifecycle.interrupt(state.id(), state.lastExecutionId());
            }
        }
    }

    private void refreshRemoteJobs() {
        Set<Long> followed = new HashSet<>(events.followed());
        followed.removeAll(runs.ids());
        followed.forEach(events::refresh);
    }

    private void recoverDeadNodes(String node) {
        List<Node> all = nodes.all();
        Map<String, Long> heartbeats = all.stream().collect(Collectors.toMap(Node::getName, Node::getHeartbeat));
        Duration timeout = settings.nodeTimeout();
        for (String dead : liveness.dead(heartbeats, System.nanoTime(), timeout, node)) {
            if (recovery.recoverDeadNode(dead, timeout)) {
                nodes.forget(dead, heartbeats.get(dead));
                LOG.info("node " + dead + " is gone (no heartbeat for " + timeout.toSeconds() + " s) and has no"
                        + " jobs left; it is forgotten until it starts again");
            }
        }
    }

    private static void run(String what, Runnable part) {
        try {
            part.run();
        } catch (Throwable e) {
            // an Error too: one escaping would end the tick for good (a scheduled task that throws never runs again),
            // and with it this node's heartbeat
            LOG.log(Level.WARNING, "cluster " + what + ": " + e, e);
            org.eegworkflow.block.control.ErrorReasons.restoreInterrupt(e);
        }
    }
}
