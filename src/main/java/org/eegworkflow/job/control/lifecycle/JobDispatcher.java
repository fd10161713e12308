package org.eegworkflow.job.control.lifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.run.MemoryNeed;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;

/**
 * Decides which jobs run now and which wait as QUEUED, so the batch threads are never all taken by one user's jobs,
 * and the jobs running at once never need more heap than the memory budget
 * ({@code eegwf.memory.budget.mb}) by their blocks' declarations. A job over a limit ends its batch execution at once
 * (holding no thread) and waits here; when a running job ends, the oldest waiting job whose owner is under the limit
 * gets a new execution once it fits. Younger jobs never pass an older one that waits only for memory, so a big job is
 * not starved by a stream of small ones.
 */
@ApplicationScoped
public class JobDispatcher {
    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    /** job row id to owner id */
    private final Map<Long, Long> running = new HashMap<>();
    /** job row id to the heap (MB) it reserves while it runs, for running and waiting jobs */
    private final Map<Long, Long> memory = new HashMap<>();
    private final TreeMap<Long, Long> waiting = new TreeMap<>();
    /** running jobs whose end is being written: they end once, whoever notices the end first */
    private final Set<Long> finishing = new HashSet<>();
    /**
     * job row id to when it got its place, for the lifecycle's watchdog: once its run is open the run itself says
     * whether anything is left to do
     */
    private final Map<Long, Long> lastActivity = new HashMap<>();
    /** job row id to the execution admitted to run it: a second execution of the same job must not run it */
    private final Map<Long, Long> admitted = new HashMap<>();
    private final Map<Long, Integer> relaunches = new HashMap<>();
    private final Map<Long, Integer> runsAgain = new HashMap<>();
    private static final int MAX_RUNS_AGAIN = 3;
    /** executions whose job was ended before the execution itself ended */
    private final Set<Long> ended = new HashSet<>();
    private static final int MAX_RELAUNCHES = 10;
    private boolean dispatchPending;

    @Inject
    Settings settings;

    @Inject
    JobLauncher launcher;

    @Inject
    DatabaseRetry retry;

    /**
     * @return true when the job may run now; false when it was put in the waiting line, or when another execution of
     * it holds its place already (then this one must run nothing)
     */
    public synchronized boolean admit(long rowId, long ownerId, long executionId) {
        return admit(rowId, ownerId, executionId, memory.getOrDefault(rowId, 0L));
    }

    /**
     * As {@link #admit(long, long, long)} for a job that reserves {@code memoryMb} of the heap while it runs (its
     * {@link MemoryNeed#reserveMb}).
     */
    public synchronized boolean admit(long rowId, long ownerId, long executionId, long memoryMb) {
        Long holder = admitted.get(rowId);
        if (holder != null && holder != executionId) {
            return false;
        }
        memory.put(rowId, Math.max(0, memoryMb));
        waiting.remove(rowId);
        if (running.containsKey(rowId) || mayRun(ownerId, rowId)) {
            running.put(rowId, ownerId);
            admitted.put(rowId, executionId);
            relaunches.remove(rowId);
            lastActivity.put(rowId, System.currentTimeMillis());
            return true;
        }
        waiting.put(rowId, ownerId);
        return false;
    }

    public synchronized boolean isRunning(long rowId) {
        return running.containsKey(rowId);
    }

    /** Whether this execution was admitted to run the job and still holds its place. */
    public synchronized boolean isAdmitted(long rowId, long executionId) {
        Long holder = admitted.get(rowId);
        return holder != null && holder == executionId;
    }

    /** Whether another execution than this one was admitted to run the job (and runs it). */
    public synchronized boolean isAdmittedElsewhere(long rowId, long executionId) {
        Long holder = admitted.get(rowId);
        return holder != null && holder != executionId;
    }

    /**
     * Counts an execution that ended before its admission could run (the batch runtime could not record its first
     * step). @return whether the job may be started once more: a few times, so a fault that is not passing cannot
     * start it forever
     */
    public synchronized boolean mayRelaunch(long rowId) {
        return relaunches.merge(rowId, 1, Integer::sum) <= MAX_RELAUNCHES;
    }

    /** Takes a waiting job out of the line (it was stopped or deleted). @return whether it was waiting */
    public boolean withdraw(long rowId) {
        boolean was;
        synchronized (this) {
            was = waiting.remove(rowId) != null;
            if (was) {
                memory.remove(rowId);
            }
        }
        if (was) {
            // younger jobs may have waited behind it (for its turn)
            dispatch();
        }
        return was;
    }

    /** The running jobs, with when each got its place (epoch millis). */
    public synchronized Map<Long, Long> runningSince() {
        Map<Long, Long> copy = new HashMap<>();
        running.keySet().forEach(id -> copy.put(id, lastActivity.getOrDefault(id, 0L)));
        return copy;
    }

    /**
     * Claims the right to end a running job. @return true once per run of a job, for whoever notices its end first
     * (the reducer, the job listener, or the watchdog when the batch runtime lost the execution); false when it is
     * not running here or is already being ended
     */
    public synchronized boolean claim(long rowId) {
        if (!running.containsKey(rowId) || !finishing.add(rowId)) {
            return false;
        }
        Long execution = admitted.get(rowId);
        if (execution != null) {
            ended.add(execution);
        }
        return true;
    }

    /**
     * Whether the job this execution ran was ended already (by the reducer or the watchdog); forgets it.
     */
    public synchronized boolean wasEnded(long executionId) {
        return ended.remove(executionId);
    }

    /**
     * Counts a run that the batch runtime lost before its blocks were done (it could not write its repository while
     * the database was away). @return whether the job may be run again automatically: a few times, so a fault that
     * is not passing cannot run it forever
     */
    public synchronized boolean mayRunAgain(long rowId) {
        return runsAgain.merge(rowId, 1, Integer::sum) <= MAX_RUNS_AGAIN;
    }

    /** A running job ended: its place goes to the next waiting job that may run. */
    public void release(long rowId) {
        synchronized (this) {
            running.remove(rowId);
            finishing.remove(rowId);
            lastActivity.remove(rowId);
            admitted.remove(rowId);
            if (!waiting.containsKey(rowId)) {
                memory.remove(rowId);
            }
        }
        dispatch();
    }

    /**
     * A running job (admitted, or with a place reserved) whose execution could not go on while the database was away:
     * it waits in the line again and gets a new execution when a place is free.
     *
     * @return false when it was not running here
     */
    public boolean requeue(long rowId) {
        synchronized (this) {
            Long owner = running.remove(rowId);
            if (owner == null) {
                return false;
            }
            finishing.remove(rowId);
            lastActivity.remove(rowId);
            admitted.remove(rowId);
            waiting.put(rowId, owner);
        }
        dispatchLater();
        return true;
    }

    /** A job (a restart) whose execution could not be started now: it waits, and is started when it can be. */
    public void defer(long rowId, long ownerId) {
        synchronized (this) {
            waiting.put(rowId, ownerId);
        }
        dispatchLater();
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
                lastActivity.put(next, System.currentTimeMillis());
            }
            try {
                launcher.launch(next);
            } catch (Throwable e) {
                // an Error too (no memory for the batch runtime's new thread, say) may pass: the job keeps its place
                // in the line for a few tries rather than being lost from it (QUEUED until a restart)
                boolean unavailable = DatabaseFailures.isUnavailable(e);
                boolean passing = unavailable || (!(e instanceof RuntimeException) && mayRelaunch(next));
                LOG.log(unavailable ? Level.WARNING : Level.SEVERE, "could not start waiting job row " + next
                        + (passing ? "; it keeps waiting" : ""), unavailable ? null : e);
                ErrorReasons.restoreInterrupt(e);
                synchronized (this) {
                    Long owner = running.remove(next);
                    lastActivity.remove(next);
                    if (owner != null && passing) {
                        waiting.put(next, owner);
                    } else {
                        memory.remove(next);
                    }
                }
                if (passing) {
                    dispatchLater();
                }
                ErrorReasons.rethrowIfThreadDeath(e);
                return;
            }
        }
    }

    private void dispatchLater() {
        synchronized (this) {
            if (dispatchPending) {
                return;
            }
            dispatchPending = true;
        }
        retry.later(() -> {
            synchronized (this) {
                dispatchPending = false;
            }
            dispatch();
        }, Duration.ofSeconds(5));
    }

    private boolean mayRun(long ownerId, long rowId) {
        return why(ownerId, rowId, false) == null;
    }

    /**
     * Why the job may not run now, or null when it may. @param explain whether the reason is read by a person (the
     * dispatcher only needs to know whether there is one: it asks for every waiting job, so that stays cheap)
     */
    private String why(long ownerId, long rowId, boolean explain) {
        long ofOwner = running.values().stream().filter(owner -> owner == ownerId).count();
        if (running.size() >= settings.maxRunningJobs()) {
            return "for a place: " + running.size() + " jobs are running, as many as this server runs at once"
                    + " (eegwf.jobs.max.running)";
        }
        if (ofOwner >= settings.maxRunningJobsPerUser()) {
            return "for your other jobs: " + ofOwner + " of yours are running, as many as one user runs at once"
                    + " (eegwf.jobs.max.running.per.user)";
        }
        // an older job that waits for memory (or is being started) goes first, whoever's it is: it is not starved by
        // younger ones that would fit; one whose owner is at the limit waits for that owner and lets others pass
        java.util.function.Predicate<Long> underLimit = owner -> running.values().stream()
                .filter(o -> o.equals(owner)).count() < settings.maxRunningJobsPerUser();
        if (!explain && waiting.headMap(rowId).values().stream().anyMatch(underLimit)) {
            return "for its turn";
        }
        long ahead = explain ? waiting.headMap(rowId).values().stream().filter(underLimit).count() : 0;
        if (ahead > 0) {
            return "for its turn: " + ahead + (ahead == 1 ? " older job waits" : " older jobs wait")
                    + " to start first";
        }
        long budget = settings.memoryBudgetMb();
        long need = Math.min(memory.getOrDefault(rowId, 0L), budget);
        long used = running.keySet().stream().filter(id -> id != rowId)
                .mapToLong(id -> memory.getOrDefault(id, 0L)).sum();
        if (need > budget - used) {
            return "for memory: needs about " + ErrorReasons.size(need) + ", " + ErrorReasons.size(Math.max(0,
                    budget - used)) + " free of the " + ErrorReasons.size(budget) + " the server gives jobs"
                    + " (eegwf.memory.budget.mb)";
        }
        return null;
    }

    /**
     * Why a job waits here, for its details: a place, the owner's limit, its turn, or memory; "to start" for one that
     * has a place and is being started; null for a job that does not wait on this server.
     */
    public synchronized String waitingReason(long rowId) {
        Long owner = waiting.get(rowId);
        if (owner == null) {
            return running.containsKey(rowId) && !admitted.containsKey(rowId) ? "to start" : null;
        }
        String why = why(owner, rowId, true);
        return why != null ? why : "to start";
    }

    /**
     * @param largestMb what the job's largest block needs
     * @return why the job can never run on this server (its largest block needs more than the whole budget), or
     * null when it can
     */
    public String neverFits(long largestMb) {
        long budget = settings.memoryBudgetMb();
        if (largestMb <= budget) {
            return null;
        }
        return "needs about " + ErrorReasons.size(largestMb) + " for one of its blocks; this server allows jobs "
                + ErrorReasons.size(budget) + " of its " + ErrorReasons.size(Runtime.getRuntime().maxMemory()
                / (1024 * 1024)) + " heap (eegwf.memory.budget.mb, -Xmx), so it can never run here";
    }

    /** The heap (MB) the running jobs reserve together. */
    public synchronized long reservedMb() {
        return running.keySet().stream().mapToLong(id -> memory.getOrDefault(id, 0L)).sum();
    }
}
