package org.eegworkflow.module.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.eegworkflow.platform.Times;

/** An uploaded module: a name ({@code "<archive>:<module>"}) that belongs to one user, private unless made public. */
@Entity
@Table(name = "wf_module")
@NamedQuery(name = Module.BY_NAME, query = "select m from Module m where m.name = :name")
@NamedQuery(name = Module.VISIBLE_TO, query = "select m from Module m where m.ownerId = :userId or m.isPublic = true"
        + " order by m.name")
public class Module {
    public static final String BY_NAME = "Module.byName";
    public static final String VISIBLE_TO = "Module.visibleTo";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_module_seq")
    @SequenceGenerator(name = "wf_module_seq", sequenceName = "wf_module_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, unique = true, length = 200)
    private String name;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "is_public", nullable = false)
    private boolean isPublic;

    @Column(name = "created_at", nullable = false)
    private Long createdAt;

    protected Module() {
    }

    public Module(String name, long ownerId, boolean isPublic, Instant createdAt) {
        this.name = name;
        this.ownerId = ownerId;
        this.isPublic = isPublic;
        this.createdAt = Times.millis(createdAt);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public void setPublic(boolean shared) {
        this.isPublic = shared;
    }

    public boolean isVisibleTo(long userId) {
        return isPublic || ownerId == userId;
    }
}
