package org.eegworkflow.job.control.lifecycle;

import java.lang.reflect.Field;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.PersistenceException;

import org.eegworkflow.job.control.store.JobRows;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;

/**
 * The job rows as a map, for tests of the lifecycle and the recovery: each method does what its query does,
 * atomically, or throws as an unreachable database does ({@link #down}).
 */
final class MemoryJobRows implements JobRows {
    static final String NO_BLOCKS = "{\"blocks\": [], \"edges\": []}";

    /** One job row's fields that the lifecycle and the recovery read or write. */
    static final class Row {
        long id;
        long owner;
        Long executionId;
        JobStatus status;
        String node;
        Long lastExecution;
        int attempts;
        Long start;
        Long end;
        String error;
        boolean stopRequested;
        String workflow = org.eegworkflow.it.Workflows.binary("Addition", "1", "2");
        Instant createdAt = Instant.now();
    }

    private final Map<Long, Row> rows = new TreeMap<>();
    private final List<BlockRun> results = new ArrayList<>();
    volatile boolean down;
    volatile boolean downOnLaunch;
    volatile Runnable beforeMarkRunning;

    synchronized Row add(long id, long owner, JobStatus status, String node) {
        Row row = new Row();
        row.id = id;
        row.owner = owner;
        row.executionId = 1000 + id;
        row.status = status;
        row.node = node;
        rows.put(id, row);
        return row;
    }

    synchronized Row get(long id) {
        return rows.get(id);
    }

    synchronized List<BlockRun> results() {
        return List.copyOf(results);
    }

    void unlessDown() {
        if (down) {
            throw new PersistenceException(new SQLException("Connection refused", "08001"));
        }
    }

    @Override
    public synchronized Job load(long rowId) {
        unlessDown();
        Row row = rows.get(rowId);
        return row == null ? null : entity(row);
    }

    @Override
    public boolean markRunning(long rowId, long executionId, String node, long nowMillis) {
        unlessDown();
        Runnable before = beforeMarkRunning;
        if (before != null) {
            before.run();
        }
        synchronized (this) {
            Row row = rows.get(rowId);
            if (row == null || row.status != JobStatus.QUEUED || !node.equals(row.node)) {
                return false;
            }
            row.status = JobStatus.RUNNING;
            row.lastExecution = executionId;
            row.start = row.start == null ? nowMillis : row.start;
            row.end = null;
            row.error = null;
            row.attempts++;
            return true;
        }
    }

    @Override
    public synchronized boolean finishIf(long rowId, JobStatus expected, String node, JobStatus status, String error,
            long nowMillis) {
        unlessDown();
        Row row = rows.get(rowId);
        if (row == null || row.status != expected || (row.node != null && !row.node.equals(node))) {
            return false;
        }
        row.status = status;
        row.end = nowMillis;
        row.error = error;
        return true;
    }

    @Override
    public synchronized boolean requeue(long rowId, String node) {
        unlessDown();
        Row row = rows.get(rowId);
        if (row == null || (row.status != JobStatus.FAILED && row.status != JobStatus.STOPPED)) {
            return false;
        }
        row.status = JobStatus.QUEUED;
        row.end = null;
        row.error = null;
        row.node = node;
        row.stopRequested = false;
        return true;
    }

    @Override
    public synchronized boolean runAgain(long rowId, String node) {
        unlessDown();
        Row row = rows.get(rowId);
        if (row == null || row.status != JobStatus.RUNNING || !node.equals(row.node)) {
            return false;
        }
        row.status = JobStatus.QUEUED;
        row.end = null;
        row.error = null;
        return true;
    }

    @Override
    public synchronized boolean claim(long rowId, JobStatus status, String from, String to) {
        unlessDown();
        Row row = rows.get(rowId);
        if (row == null || row.status != status || (row.node != null && !row.node.equals(from))) {
            return false;
        }
        row.node = to;
        return true;
    }

    @Override
    public synchronized boolean requestStop(long rowId) {
        unlessDown();
        Row row = rows.get(rowId);
        if (row == null || row.status.isFinal()) {
            return false;
        }
        row.stopRequested = true;
        return true;
    }

    @Override
    public synchronized List<Job> ofNode(JobStatus status, String node) {
        unlessDown();
        return rows.values().stream().filter(r -> r.status == status && node.equals(r.node))
                .map(MemoryJobRows::entity).toList();
    }

    @Override
    public synchronized List<Job> ofNodeOrNone(JobStatus status, String node) {
        unlessDown();
        return rows.values().stream().filter(r -> r.status == status && (r.node == null || node.equals(r.node)))
                .map(MemoryJobRows::entity).toList();
    }

    @Override
    public synchronized void delete(long rowId) {
        unlessDown();
        rows.remove(rowId);
        results.removeIf(r -> rowOf(r) == rowId);
    }

    @Override
    public synchronized List<BlockRun> blockRuns(long rowId) {
        unlessDown();
        return results.stream().filter(r -> rowOf(r) == rowId).toList();
    }

    @Override
    public synchronized void saveResults(Collection<BlockRun> saved) {
        unlessDown();
        results.addAll(saved);
    }

    /** The row as the entity a query returns (its fields are the database's to set: by reflection here). */
    private static Job entity(Row row) {
        Job job = new Job(row.owner, row.workflow, null, row.createdAt, row.node);
        set(job, "id", row.id);
        set(job, "executionId", row.executionId);
        set(job, "status", row.status);
        set(job, "lastExecutionId", row.lastExecution);
        set(job, "attempts", row.attempts);
        set(job, "error", row.error);
        return job;
    }

    /** The job row a block result belongs to. */
    static long rowOf(BlockRun result) {
        return result.getJobId();
    }

    private static void set(Job job, String field, Object value) {
        try {
            Field f = Job.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(job, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
