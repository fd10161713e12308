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

/** One upload of a module: its unpacked folder under the data folder, and what it held. */
@Entity
@Table(name = "wf_module_version")
@NamedQuery(name = ModuleVersion.OF_MODULE,
        query = "select v from ModuleVersion v where v.moduleId = :moduleId order by v.version desc")
@NamedQuery(name = ModuleVersion.BY_VERSION,
        query = "select v from ModuleVersion v where v.moduleId = :moduleId and v.version = :version")
public class ModuleVersion {
    public static final String OF_MODULE = "ModuleVersion.ofModule";
    public static final String BY_VERSION = "ModuleVersion.byVersion";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_module_version_seq")
    @SequenceGenerator(name = "wf_module_version_seq", sequenceName = "wf_module_version_seq", allocationSize = 1)
    private Long id;

    @Column(name = "module_id", nullable = false)
    private long moduleId;

    @Column(nullable = false)
    private int version;

    @Column(name = "file_name", nullable = false, length = 200)
    private String fileName;

    /** The unpacked archive, relative to the data folder. */
    @Column(nullable = false, length = 1000)
    private String folder;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "block_count", nullable = false)
    private int blockCount;

    @Column(name = "created_at", nullable = false)
    private Long createdAt;

    protected ModuleVersion() {
    }

    public ModuleVersion(long moduleId, int version, String fileName, String folder, long sizeBytes,
                         int blockCount, Instant createdAt) {
        this.moduleId = moduleId;
        this.version = version;
        this.fileName = fileName;
        this.folder = folder;
        this.sizeBytes = sizeBytes;
        this.blockCount = blockCount;
        this.createdAt = Times.millis(createdAt);
    }

    public long getModuleId() {
        return moduleId;
    }

    public int getVersion() {
        return version;
    }

    public String getFolder() {
        return folder;
    }

    public int getBlockCount() {
        return blockCount;
    }

    public Instant getCreatedAt() {
        return Times.instant(createdAt);
    }
}
