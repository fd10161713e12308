package org.eegworkflow.job.control.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.job.entity.RemoteTask;

/** The remote tasks' rows in the database. */
@ApplicationScoped
@Transactional
public class RemoteTaskStore implements RemoteTasks {

    @PersistenceContext
    EntityManager em;

    @Override
    public void save(RemoteTask task) {
        em.persist(task);
    }

    @Override
    public void ranOn(long id, String node) {
        em.createQuery("update RemoteTask t set t.node = :node where t.id = :id").setParameter("node", node)
                .setParameter("id", id).executeUpdate();
    }

    @Override
    public void ended(long id) {
        em.createQuery("update RemoteTask t set t.state = :state where t.id = :id")
                .setParameter("state", RemoteTask.ENDED).setParameter("id", id).executeUpdate();
    }

    @Override
    public List<RemoteTask> live(long jobRowId, int blockId, String elementKey) {
        var query = em.createQuery("select t from RemoteTask t where t.jobId = :jobId and t.blockId = :blockId"
                        + " and t.state = :state and " + (elementKey == null ? "t.elementKey is null"
                        : "t.elementKey = :key") + " order by t.id desc", RemoteTask.class)
                .setParameter("jobId", jobRowId).setParameter("blockId", blockId)
                .setParameter("state", RemoteTask.LIVE);
        if (elementKey != null) {
            query.setParameter("key", elementKey);
        }
        return query.getResultList();
    }

    @Override
    public List<RemoteTask> liveOfJob(long jobRowId) {
        return em.createQuery("select t from RemoteTask t where t.jobId = :jobId and t.state = :state"
                        + " order by t.id", RemoteTask.class)
                .setParameter("jobId", jobRowId).setParameter("state", RemoteTask.LIVE).getResultList();
    }

    @Override
    public List<RemoteTask> ofJob(long jobRowId) {
        return em.createQuery("select t from RemoteTask t where t.jobId = :jobId order by t.id", RemoteTask.class)
                .setParameter("jobId", jobRowId).getResultList();
    }
}
