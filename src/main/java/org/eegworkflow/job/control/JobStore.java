package org.eegworkflow.job.control;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.job.entity.BlockRun;
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
public class JobStore {

    @PersistenceContext
    EntityManager em;

    public Job create(long ownerId, String workflowJson, String moduleVersions) {
        Job job = new Job(ownerId, workflowJson, moduleVersions, Instant.now());
        em.persist(job);
        return job;
    }

    public void assignExecution(long jobId, long executionId) {
        em.createNamedQuery(Job.ASSIGN_EXECUTION).setParameter("executionId", executionId)
                .setParameter("id", jobId).executeUpdate();
    }

    public void setLastExecution(long jobId, long executionId) {
        em.createNamedQuery(Job.SET_LAST_EXECUTION).setParameter("executionId", executionId)
                .setParameter("id", jobId).executeUpdate();
    }

    public void delete(long jobId) {
        em.createQuery("delete from BlockRun b where b.jobId = :jobId").setParameter("jobId", jobId).executeUpdate();
        em.createQuery("delete from Job j where j.id = :id").setParameter("id", jobId).executeUpdate();
    }

    /** The job was admitted to run: one more attempt. */
    public void markRunning(long jobId, long executionId) {
        em.createNamedQuery(Job.MARK_RUNNING).setParameter("status", JobStatus.RUNNING)
                .setParameter("executionId", executionId).setParameter("now", System.currentTimeMillis())
                .setParameter("id", jobId).executeUpdate();
    }

    public void markFinished(long jobId, JobStatus status, String error) {
        em.createNamedQuery(Job.MARK_FINISHED).setParameter("status", status)
                .setParameter("now", System.currentTimeMillis())
                .setParameter("error", error == null ? null : abbreviate(error, 2000))
                .setParameter("id", jobId).executeUpdate();
    }

    /** Makes a failed or stopped job QUEUED again, forgetting every block result but the completed ones. */
    public void requeue(long jobId) {
        em.createNamedQuery(BlockRun.FORGET_UNFINISHED).setParameter("jobId", jobId)
                .setParameter("completed", BlockStatus.COMPLETED).executeUpdate();
        em.createNamedQuery(Job.REQUEUE).setParameter("status", JobStatus.QUEUED).setParameter("id", jobId)
                .executeUpdate();
    }

    /** Jobs that were RUNNING when this server stopped: FAILED with the reason. @return those jobs */
    public List<Job> failInterrupted(String reason) {
        List<Job> interrupted = withStatus(JobStatus.RUNNING);
        for (Job job : interrupted) {
            markFinished(job.getId(), JobStatus.FAILED, reason);
        }
        return interrupted;
    }

    /** Stores the result of a block that ended. */
    public void saveResult(BlockRun result) {
        em.persist(result);
    }

    /** Stores results of several blocks in one transaction. */
    public void saveResults(Collection<BlockRun> results) {
        results.forEach(em::persist);
    }

    /** Forgets the results of blocks that are to run again. */
    public void forget(long jobId, Collection<Integer> blockIds) {
        if (!blockIds.isEmpty()) {
            em.createNamedQuery(BlockRun.FORGET).setParameter("jobId", jobId).setParameter("blockIds", blockIds)
                    .executeUpdate();
        }
    }

    public Job load(long jobId) {
        return em.find(Job.class, jobId);
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

    public List<BlockRun> blockRuns(long jobId) {
        return em.createNamedQuery(BlockRun.OF_JOB, BlockRun.class).setParameter("jobId", jobId).getResultList();
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
