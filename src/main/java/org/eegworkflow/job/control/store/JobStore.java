package org.eegworkflow.job.control.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.job.entity.JobSummary;

/**
 * Every write of a job and its block results, each in its own short transaction: a block's result is committed the
 * moment the block ends, so the job details show it while the rest of the job still runs. Status changes are
 * targeted updates, so the REST thread and the batch threads never overwrite each other's fields. Reads run in a
 * transaction too: on Payara, an entity manager used outside one on a batch thread is closed under the next caller.
 */
@ApplicationScoped
@Transactional
public class JobStore implements JobRows {

    @PersistenceContext
    EntityManager em;

    public Job create(long ownerId, String workflowJson, String moduleVersions, String node) {
        return create(ownerId, workflowJson, moduleVersions, node, null);
    }

    /** @param cache whether the result cache is on for the job; null: the setting decides */
    public Job create(long ownerId, String workflowJson, String moduleVersions, String node, Boolean cache) {
        Job job = new Job(ownerId, workflowJson, moduleVersions, Instant.now(), node);
        job.setCacheResults(cache);
        em.persist(job);
        return job;
    }

    public void assignExecution(long rowId, long executionId) {
        em.createNamedQuery(Job.ASSIGN_EXECUTION).setParameter("executionId", executionId)
                .setParameter("id", rowId).executeUpdate();
    }

    @Override
    public void delete(long rowId) {
        em.createQuery("delete from BlockRun b where b.jobId = :jobId").setParameter("jobId", rowId).executeUpdate();
        em.createNamedQuery(ElementRun.FORGET_ALL).setParameter("jobId", rowId).executeUpdate();
        em.createQuery("delete from RemoteTask t where t.jobId = :jobId").setParameter("jobId", rowId)
                .executeUpdate();
        em.createQuery("delete from Job j where j.id = :id").setParameter("id", rowId).executeUpdate();
    }

    /**
     * The job was admitted to run on this node: one more attempt. Only a job still QUEUED on this node: one stopped
     * meanwhile, or taken over by another node, stays as it is.
     *
     * @return whether the job is now RUNNING here
     */
    @Override
    public boolean markRunning(long rowId, long executionId, String node, long nowMillis) {
        return em.createNamedQuery(Job.MARK_RUNNING).setParameter("status", JobStatus.RUNNING)
                .setParameter("queued", JobStatus.QUEUED).setParameter("node", node)
                .setParameter("executionId", executionId).setParameter("now", nowMillis)
                .setParameter("id", rowId).executeUpdate() == 1;
    }

    /**
     * Ends a job that is still {@code expected} on that node (or on none): a conditional update, so of several nodes
     * (or threads) ending one job exactly one does.
     *
     * @return whether this call ended it
     */
    @Override
    public boolean finishIf(long rowId, JobStatus expected, String node, JobStatus status, String error,
            long nowMillis) {
        return em.createNamedQuery(Job.FINISH_IF).setParameter("status", status)
                .setParameter("now", nowMillis)
                .setParameter("error", error == null ? null : abbreviate(error, 2000))
                .setParameter("id", rowId).setParameter("expected", expected).setParameter("node", node)
                .executeUpdate() == 1;
    }

    /**
     * Makes a failed or stopped job QUEUED again on the node restarting it, forgetting every block result but the
     * completed ones and any stop asked for earlier.
     *
     * @return false when the job was not FAILED or STOPPED any more (restarted meanwhile, from here or elsewhere)
     */
    @Override
    public boolean requeue(long rowId, String node) {
        int requeued = em.createNamedQuery(Job.REQUEUE).setParameter("status", JobStatus.QUEUED)
                .setParameter("node", node).setParameter("id", rowId)
                .setParameter("ended", List.of(JobStatus.FAILED, JobStatus.STOPPED)).executeUpdate();
        if (requeued == 1) {
            em.createNamedQuery(BlockRun.FORGET_UNFINISHED).setParameter("jobId", rowId)
                    .setParameter("completed", BlockStatus.COMPLETED).executeUpdate();
            em.createNamedQuery(ElementRun.FORGET_UNFINISHED).setParameter("jobId", rowId)
                    .setParameter("completed", BlockStatus.COMPLETED).executeUpdate();
        }
        return requeued == 1;
    }

    /**
     * Makes a job RUNNING on this node QUEUED again, to run once more (its execution was lost by the batch runtime),
     * forgetting every block result but the completed ones.
     *
     * @return false when it was not RUNNING here any more (ended, or failed by another node)
     */
    @Override
    public boolean runAgain(long rowId, String node) {
        int requeued = em.createNamedQuery(Job.RUN_AGAIN).setParameter("queued", JobStatus.QUEUED)
                .setParameter("running", JobStatus.RUNNING).setParameter("node", node).setParameter("id", rowId)
                .executeUpdate();
        if (requeued == 1) {
            em.createNamedQuery(BlockRun.FORGET_UNFINISHED).setParameter("jobId", rowId)
                    .setParameter("completed", BlockStatus.COMPLETED).executeUpdate();
            em.createNamedQuery(ElementRun.FORGET_UNFINISHED).setParameter("jobId", rowId)
                    .setParameter("completed", BlockStatus.COMPLETED).executeUpdate();
        }
        return requeued == 1;
    }

    /** Moves a job in that status from one node (or none) to another. @return whether it moved */
    @Override
    public boolean claim(long rowId, JobStatus status, String from, String to) {
        return em.createNamedQuery(Job.CLAIM).setParameter("node", to).setParameter("from", from)
                .setParameter("status", status).setParameter("id", rowId).executeUpdate() == 1;
    }

    /** Records a stop for the job's own node to act on. @return whether the job was still queued or running */
    @Override
    public boolean requestStop(long rowId) {
        return em.createNamedQuery(Job.REQUEST_STOP).setParameter("id", rowId)
                .setParameter("statuses", List.of(JobStatus.QUEUED, JobStatus.RUNNING)).executeUpdate() == 1;
    }

    /** The jobs in that status on that node. */
    @Override
    public List<Job> ofNode(JobStatus status, String node) {
        return em.createNamedQuery(Job.OF_NODE, Job.class).setParameter("status", status)
                .setParameter("node", node).getResultList();
    }

    /** The jobs in that status on that node or on none (rows from before nodes were recorded). */
    @Override
    public List<Job> ofNodeOrNone(JobStatus status, String node) {
        return em.createNamedQuery(Job.OF_NODE_OR_NONE, Job.class).setParameter("status", status)
                .setParameter("node", node).getResultList();
    }

    /** What the database says now of jobs running here: their status, node, stop request and last execution. */
    public List<JobState> states(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Job.LOCAL_STATES, Object[].class).setParameter("ids", jobIds).getResultList()
                .stream().map(row -> new JobState((Long) row[0], (JobStatus) row[1], (String) row[2],
                        (Boolean) row[3], (Long) row[4])).toList();
    }

    /** One job's row as {@link #states} reads it. */
    public record JobState(long id, JobStatus status, String node, boolean stopRequested, Long lastExecutionId) {
    }

    /** Stores the result of a block that ended. */
    public void saveResult(BlockRun result) {
        em.persist(result);
    }

    /** Stores results of several blocks in one transaction. */
    @Override
    public void saveResults(Collection<BlockRun> results) {
        results.forEach(em::persist);
    }

    /** Stores the result of one element of a block that runs once per element. */
    public void saveElement(ElementRun result) {
        em.persist(result);
    }

    /** Every element result of the job's mapped blocks, by block and key. */
    public List<ElementRun> elementRuns(long rowId) {
        return em.createNamedQuery(ElementRun.OF_JOB, ElementRun.class).setParameter("jobId", rowId)
                .getResultList();
    }

    /** Forgets the element results of a block that runs again, but for the elements it will reuse. */
    public void forgetElements(long rowId, int blockId, Collection<String> keep) {
        var query = em.createQuery("delete from ElementRun e where e.jobId = :jobId and e.blockId = :blockId"
                + (keep.isEmpty() ? "" : " and e.elementKey not in :keep"))
                .setParameter("jobId", rowId).setParameter("blockId", blockId);
        if (!keep.isEmpty()) {
            query.setParameter("keep", keep);
        }
        query.executeUpdate();
    }

    /** Forgets the results of blocks that are to run again. */
    public void forget(long rowId, Collection<Integer> blockIds) {
        if (!blockIds.isEmpty()) {
            em.createNamedQuery(BlockRun.FORGET).setParameter("jobId", rowId).setParameter("blockIds", blockIds)
                    .executeUpdate();
        }
    }

    @Override
    public Job load(long rowId) {
        return em.find(Job.class, rowId);
    }

    public List<Job> withStatus(JobStatus status) {
        return em.createNamedQuery(Job.WITH_STATUS, Job.class).setParameter("status", status).getResultList();
    }

    public Optional<Job> findForOwner(long executionId, long ownerId) {
        return em.createNamedQuery(Job.BY_EXECUTION_AND_OWNER, Job.class)
                .setParameter("executionId", executionId).setParameter("ownerId", ownerId)
                .getResultStream().findFirst();
    }

    public List<JobSummary> listForOwner(long ownerId) {
        return em.createNamedQuery(Job.OF_OWNER, JobSummary.class).setParameter("ownerId", ownerId)
                .getResultList();
    }

    @Override
    public List<BlockRun> blockRuns(long rowId) {
        return em.createNamedQuery(BlockRun.OF_JOB, BlockRun.class).setParameter("jobId", rowId).getResultList();
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
