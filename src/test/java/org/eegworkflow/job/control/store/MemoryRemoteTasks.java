package org.eegworkflow.job.control.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.eegworkflow.job.entity.RemoteTask;

/** The remote tasks' records in a list, for tests without a database. */
public final class MemoryRemoteTasks implements RemoteTasks {
    private final List<RemoteTask> rows = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public synchronized void save(RemoteTask task) {
        task.setId(ids.incrementAndGet());
        rows.add(task);
    }

    @Override
    public synchronized void ranOn(long id, String node) {
        rows.stream().filter(t -> t.getId() == id).forEach(t -> t.setNode(node));
    }

    @Override
    public synchronized void ended(long id) {
        rows.stream().filter(t -> t.getId() == id).forEach(t -> t.setState(RemoteTask.ENDED));
    }

    @Override
    public synchronized List<RemoteTask> live(long jobRowId, int blockId, String elementKey) {
        return rows.stream().filter(t -> t.getJobId() == jobRowId && t.getBlockId() == blockId
                        && Objects.equals(t.getElementKey(), elementKey) && t.getState().equals(RemoteTask.LIVE))
                .sorted(Comparator.comparing(RemoteTask::getId).reversed()).toList();
    }

    @Override
    public synchronized List<RemoteTask> liveOfJob(long jobRowId) {
        return rows.stream().filter(t -> t.getJobId() == jobRowId && t.getState().equals(RemoteTask.LIVE)).toList();
    }

    @Override
    public synchronized List<RemoteTask> ofJob(long jobRowId) {
        return rows.stream().filter(t -> t.getJobId() == jobRowId).toList();
    }
}
