package org.eegworkflow.job.control.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.job.entity.CachedResult;
import org.eegworkflow.job.entity.Job;

/** The result cache's rows in the database. */
@ApplicationScoped
@Transactional
public class ResultCacheStore implements CacheEntries {

    @PersistenceContext
    EntityManager em;

    @Override
    public CachedResult find(long ownerId, String key) {
        return em.createNamedQuery(CachedResult.BY_KEY, CachedResult.class).setParameter("ownerId", ownerId)
                .setParameter("key", key).getResultStream().findFirst().orElse(null);
    }

    @Override
    public CachedResult latest(long ownerId, String blockType, int blockId, String elementKey) {
        var query = em.createNamedQuery(elementKey == null ? CachedResult.LATEST_OF_BLOCK
                        : CachedResult.LATEST_OF_ELEMENT, CachedResult.class)
                .setParameter("ownerId", ownerId).setParameter("blockType", blockType)
                .setParameter("blockId", blockId);
        if (elementKey != null) {
            query.setParameter("elementKey", elementKey);
        }
        return query.setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    @Override
    public void save(CachedResult entry) {
        em.createQuery("delete from CachedResult c where c.ownerId = :ownerId and c.cacheKey = :key")
                .setParameter("ownerId", entry.getOwnerId()).setParameter("key", entry.getCacheKey())
                .executeUpdate();
        em.persist(entry);
    }

    @Override
    public void touch(long id, long nowMillis) {
        em.createQuery("update CachedResult c set c.lastUsed = :now where c.id = :id").setParameter("now", nowMillis)
                .setParameter("id", id).executeUpdate();
    }

    @Override
    public void remove(long id) {
        em.createQuery("delete from CachedResult c where c.id = :id").setParameter("id", id).executeUpdate();
    }

    @Override
    public long totalSize() {
        return ((Number) em.createNamedQuery(CachedResult.TOTAL_SIZE).getSingleResult()).longValue();
    }

    @Override
    public List<CachedResult> leastRecentlyUsed(int max) {
        return em.createNamedQuery(CachedResult.LEAST_RECENTLY_USED, CachedResult.class).setMaxResults(max)
                .getResultList();
    }

    @Override
    public long countOfJob(long jobRowId) {
        return ((Number) em.createNamedQuery(CachedResult.OF_JOB).setParameter("jobId", jobRowId).getSingleResult())
                .longValue();
    }

    @Override
    public boolean jobExists(long jobRowId) {
        return em.find(Job.class, jobRowId) != null;
    }
}
