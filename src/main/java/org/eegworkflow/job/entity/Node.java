package org.eegworkflow.job.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One server instance of those sharing the database, with its last heartbeat (its own clock, in epoch millis). Other
 * nodes judge liveness by whether the heartbeat moves, not by comparing clocks.
 */
@Entity
@Table(name = "wf_node")
@NamedQuery(name = Node.BEAT, query = "update Node n set n.heartbeat = :now where n.name = :name")
@NamedQuery(name = Node.ALL, query = "select n from Node n order by n.name")
public class Node {
    public static final String BEAT = "Node.beat";
    public static final String ALL = "Node.all";

    @Id
    @Column(length = 255)
    private String name;

    @Column(nullable = false)
    private long heartbeat;

    @Column(name = "started_at", nullable = false)
    private long startedAt;

    protected Node() {
    }

    public Node(String name, long now) {
        this.name = name;
        this.heartbeat = now;
        this.startedAt = now;
    }

    public String getName() {
        return name;
    }

    public long getHeartbeat() {
        return heartbeat;
    }

    public long getStartedAt() {
        return startedAt;
    }
}
