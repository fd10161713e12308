package org.eegworkflow.job.control.store;

import java.util.List;

import org.eegworkflow.job.entity.RemoteTask;

/** The blocks handed to a cluster's scheduler, as the executor records them (a database, or a map in tests). */
public interface RemoteTasks {

    void save(RemoteTask task);

    /** The node a task was seen running on. */
    void ranOn(long id, String node);

    /** The engine took the task's end: it is never attached to again. */
    void ended(long id);

    /** The tasks of a block (or of one of its elements) not yet ended, newest first. */
    List<RemoteTask> live(long jobRowId, int blockId, String elementKey);

    /** Every task of a job not yet ended (to cancel them). */
    List<RemoteTask> liveOfJob(long jobRowId);

    /** Every task of a job, the newest of each block and element last (for the job details). */
    List<RemoteTask> ofJob(long jobRowId);
}
