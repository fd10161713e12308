package org.eegworkflow.job.control;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.platform.Settings;

/**
 * Decides which jobs run now and which wait as QUEUED, so the batch threads are never all taken by one user's jobs or
 * by jobs waiting for partition threads. A job over a limit ends its batch execution at once (holding no thread) and
 * waits here; when a running job ends, the oldest waiting job whose owner is under the limit gets a new execution.
 */
@ApplicationScoped
public class JobDispatcher {
    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    /** job row id to owner id */
    private final Map<Long, Long> running = new HashMap<>();
    private final TreeMap<Long, Long> waiting = new TreeMap<>();

    @Inject
    Settings settings;

    @Inject
    JobLauncher launcher;

    /** @return true when the job may run now; false when it was put in the waiting line */
    public synchronized boolean admit(long jobRowId, long ownerId) {
        waiting.remove(jobRowId);
        if (running.containsKey(jobRowId) || mayRun(ownerId, jobRowId)) {
            running.put(jobRowId, ownerId);
            return true;
        }
        waiting.put(jobRowId, ownerId);
        return false;
    }

    public synchronized boolean isRunning(long jobRowId) {
        return running.containsKey(jobRowId);
    }

    /** Takes a waiting job out of the line (it was stopped or deleted). @return whether it was waiting */
    public synchronized boolean withdraw(long jobRowId) {
        return waiting.remove(jobRowId) != null;
    }

    /** A running job ended: its place goes to the next waiting job that may run. */
    public void release(long jobRowId) {
        synchronized (this) {
            running.remove(jobRowId);
        }
        dispatch();
    }

    /** Starts waiting jobs while places are free. */
    public void dispatch() {
        while (true) {
            Long next;
            synchronized (this) {
                next = waiting.entrySet().stream()
                        .filter(e -> mayRun(e.getValue(), e.getKey()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (next == null) {
                    return;
                }
                // reserved: the new execution's admission finds it running already
                running.put(next, waiting.remove(next));
            }
            try {
                launcher.launch(next);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not start waiting job row " + next, e);
                synchronized (this) {
                    running.remove(next);
                }
                return;
            }
        }
    }

    private boolean mayRun(long ownerId, long jobRowId) {
        long ofOwner = running.values().stream().filter(owner -> owner == ownerId).count();
        boolean older = waiting.headMap(jobRowId).values().stream().anyMatch(owner -> owner != ownerId
                && running.values().stream().filter(o -> o.equals(owner)).count() < settings.maxRunningJobsPerUser());
        return running.size() < settings.maxRunningJobs() && ofOwner < settings.maxRunningJobsPerUser() && !older;
    }
}
