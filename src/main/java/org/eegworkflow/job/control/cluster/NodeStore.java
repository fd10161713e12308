package org.eegworkflow.job.control.cluster;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.job.entity.Node;

/** The nodes' heartbeats in the shared database. */
@ApplicationScoped
@Transactional
public class NodeStore {

    @PersistenceContext
    EntityManager em;

    /** Writes this node's heartbeat, adding its row the first time (or after others forgot it as dead). */
    public void beat(String name, long now) {
        int updated = em.createNamedQuery(Node.BEAT).setParameter("now", now).setParameter("name", name)
                .executeUpdate();
        if (updated == 0) {
            em.persist(new Node(name, now));
        }
    }

    public List<Node> all() {
        return em.createNamedQuery(Node.ALL, Node.class).getResultList();
    }

    /**
     * Forgets a dead node whose jobs were all taken care of, unless its heartbeat moved meanwhile (it came back).
     */
    public void forget(String name, long heartbeat) {
        em.createQuery("delete from Node n where n.name = :name and n.heartbeat = :heartbeat")
                .setParameter("name", name).setParameter("heartbeat", heartbeat).executeUpdate();
    }
}
