package org.eegworkflow.job.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One entry of the result cache: a completed result of a block (or of one element of a mapped block) of one user,
 * under the hash of what made it. Its values are encoded in {@code <data>/cache/<owner>/<key>.bin}, with the files
 * they refer to; what it showed is here, its file (a picture, a table) in the producing job's files folder.
 */
@Entity
@Table(name = "wf_result_cache", uniqueConstraints = @UniqueConstraint(columnNames = {"owner_id", "cache_key"}))
@NamedQuery(name = CachedResult.BY_KEY,
        query = "select c from CachedResult c where c.ownerId = :ownerId and c.cacheKey = :key")
@NamedQuery(name = CachedResult.LATEST_OF_BLOCK, query = "select c from CachedResult c where c.ownerId = :ownerId"
        + " and c.blockType = :blockType and c.blockId = :blockId and c.elementKey is null"
        + " order by c.created desc, c.id desc")
@NamedQuery(name = CachedResult.LATEST_OF_ELEMENT, query = "select c from CachedResult c where c.ownerId = :ownerId"
        + " and c.blockType = :blockType and c.blockId = :blockId and c.elementKey = :elementKey"
        + " order by c.created desc, c.id desc")
@NamedQuery(name = CachedResult.LEAST_RECENTLY_USED,
        query = "select c from CachedResult c order by c.lastUsed, c.id")
@NamedQuery(name = CachedResult.TOTAL_SIZE, query = "select coalesce(sum(c.sizeBytes), 0) from CachedResult c")
@NamedQuery(name = CachedResult.OF_JOB, query = "select count(c) from CachedResult c where c.jobId = :jobId")
public class CachedResult {
    public static final String BY_KEY = "CachedResult.byKey";
    public static final String LATEST_OF_BLOCK = "CachedResult.latestOfBlock";
    public static final String LATEST_OF_ELEMENT = "CachedResult.latestOfElement";
    public static final String LEAST_RECENTLY_USED = "CachedResult.leastRecentlyUsed";
    public static final String TOTAL_SIZE = "CachedResult.totalSize";
    public static final String OF_JOB = "CachedResult.ofJob";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_result_cache_seq")
    @SequenceGenerator(name = "wf_result_cache_seq", sequenceName = "wf_result_cache_seq", allocationSize = 1)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "cache_key", nullable = false, length = 64)
    private String cacheKey;

    /** The producing job's row id (its folder holds the files). */
    @Column(name = "job_id", nullable = false)
    private long jobId;

    /** The producing job's public id, which the details show; it outlives the job's row. */
    @Column(name = "job_public_id")
    private Long jobPublicId;

    @Column(name = "block_id", nullable = false)
    private int blockId;

    @Column(name = "element_key", length = 500)
    private String elementKey;

    /** The module and the block type's name. */
    @Column(name = "block_type", nullable = false, length = 500)
    private String blockType;

    @Column(name = "output_type", length = 16)
    private String outputType;

    @Column(name = "output_value")
    private String outputValue;

    /** The stored file of what it showed, in the producing job's files folder, or null. */
    @Column(length = 1000)
    private String artefact;

    /** What the key was made of (JSON), to tell a person what changed when a block runs again. */
    private String components;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false)
    private long created;

    @Column(name = "last_used", nullable = false)
    private long lastUsed;

    protected CachedResult() {
    }

    public CachedResult(long ownerId, String cacheKey, long jobId, Long jobPublicId, int blockId, String elementKey,
                        String blockType, String outputType, String outputValue, String artefact, String components,
                        long sizeBytes, Instant created) {
        this.ownerId = ownerId;
        this.cacheKey = cacheKey;
        this.jobId = jobId;
        this.jobPublicId = jobPublicId;
        this.blockId = blockId;
        this.elementKey = elementKey;
        this.blockType = blockType;
        this.outputType = outputType;
        this.outputValue = outputValue;
        this.artefact = artefact;
        this.components = components;
        this.sizeBytes = sizeBytes;
        this.created = created.toEpochMilli();
        this.lastUsed = this.created;
    }

    public Long getId() {
        return id;
    }

    /** For stores that are not a database (tests). */
    public void setId(Long id) {
        this.id = id;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public String getCacheKey() {
        return cacheKey;
    }

    public long getJobId() {
        return jobId;
    }

    public Long getJobPublicId() {
        return jobPublicId;
    }

    public int getBlockId() {
        return blockId;
    }

    public String getElementKey() {
        return elementKey;
    }

    public String getBlockType() {
        return blockType;
    }

    public String getOutputType() {
        return outputType;
    }

    public String getOutputValue() {
        return outputValue;
    }

    public String getArtefact() {
        return artefact;
    }

    public String getComponents() {
        return components;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public long getCreated() {
        return created;
    }

    public long getLastUsed() {
        return lastUsed;
    }

    public void setLastUsed(long lastUsed) {
        this.lastUsed = lastUsed;
    }
}
