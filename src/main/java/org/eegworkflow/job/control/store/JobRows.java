package org.eegworkflow.job.control.store;

import java.util.Collection;
import java.util.List;

import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;

/**
 * The job rows as the lifecycle and the recovery read and change them ({@link JobStore} in the server, a map in their
 * tests). Every change is conditional on what the row says now and answers whether it happened, so of two threads or
 * nodes making the same change exactly one does.
 */
public interface JobRows {
    /** The row, or null when it was deleted. */
    Job load(long rowId);

    /** QUEUED on {@code node} to RUNNING there, by that execution: one attempt more, the start time kept. */
    boolean markRunning(long rowId, long executionId, String node, long nowMillis);

    /** {@code expected} on {@code node} (or on none) to the final {@code status}, with the end time and the error. */
    boolean finishIf(long rowId, JobStatus expected, String node, JobStatus status, String error, long nowMillis);

    /** FAILED or STOPPED to QUEUED on {@code node}, forgetting the block results but the completed ones. */
    boolean requeue(long rowId, String node);

    /** RUNNING on {@code node} to QUEUED there, forgetting the block results but the completed ones. */
    boolean runAgain(long rowId, String node);

    /** In {@code status} on {@code from} (or on none) to {@code to}. */
    boolean claim(long rowId, JobStatus status, String from, String to);

    /** Records a stop for the job's own node, if the job is QUEUED or RUNNING. */
    boolean requestStop(long rowId);

    /** The jobs in that status on that node. */
    List<Job> ofNode(JobStatus status, String node);

    /** The jobs in that status on that node or on none (rows from before nodes were recorded). */
    List<Job> ofNodeOrNone(JobStatus status, String node);

    /** Removes the row and its block results. */
    void delete(long rowId);

    /** The block results stored so far. */
    List<BlockRun> blockRuns(long rowId);

    /** Stores block results in one transaction. */
    void saveResults(Collection<BlockRun> results);
}
