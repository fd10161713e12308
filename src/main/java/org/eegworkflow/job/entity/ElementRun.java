package org.eegworkflow.job.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import org.eegworkflow.platform.Times;

/**
 * The result of one element of a block that runs once per element of a collection (one recording of a study),
 * written once, when the element ends. The block's own {@link BlockRun} summarises its elements.
 */
@Entity
@Table(name = "wf_element_run",
        uniqueConstraints = @UniqueConstraint(columnNames = {"job_id", "block_id", "element_key"}))
@NamedQuery(name = ElementRun.OF_JOB,
        query = "select e from ElementRun e where e.jobId = :jobId order by e.blockId, e.elementKey")
@NamedQuery(name = ElementRun.FORGET_UNFINISHED,
        query = "delete from ElementRun e where e.jobId = :jobId and e.status <> :completed")
@NamedQuery(name = ElementRun.FORGET_ALL, query = "delete from ElementRun e where e.jobId = :jobId")
public class ElementRun {
    public static final String OF_JOB = "ElementRun.ofJob";
    public static final String FORGET_UNFINISHED = "ElementRun.forgetUnfinished";
    public static final String FORGET_ALL = "ElementRun.forgetAll";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_element_run_seq")
    @SequenceGenerator(name = "wf_element_run_seq", sequenceName = "wf_element_run_seq", allocationSize = 50)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "block_id", nullable = false)
    private int blockId;

    @Column(name = "element_key", nullable = false, length = 500)
    private String elementKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private BlockStatus status;

    @Column(name = "output_type", length = 16)
    private String outputType;

    @Column(name = "output_value")
    private String outputValue;

    private String stdout;

    private String stderr;

    @Column(name = "start_time")
    private Long startTime;

    @Column(name = "end_time")
    private Long endTime;

    @Column(nullable = false)
    private int attempt;

    /** The public id of the job whose cached result this is, or null when it ran here. */
    @Column(name = "reused_from_job")
    private Long reusedFromJob;

    @Column(name = "reused_from_block")
    private Integer reusedFromBlock;

    /** Why it ran although the result cache was on ("property 'x' changed: 1 -> 2"), or null. */
    @Column(name = "ran_because", length = 1000)
    private String ranBecause;

    protected ElementRun() {
    }

    public ElementRun(long jobId, int blockId, String elementKey, int attempt, BlockStatus status, String outputType,
                      String outputValue, String stdout, String stderr, Instant startTime, Instant endTime) {
        this.jobId = jobId;
        this.blockId = blockId;
        this.elementKey = elementKey;
        this.attempt = attempt;
        this.status = status;
        this.outputType = outputType;
        this.outputValue = outputValue;
        this.stdout = stdout;
        this.stderr = stderr;
        this.startTime = Times.millis(startTime);
        this.endTime = Times.millis(endTime);
    }

    public long getJobId() {
        return jobId;
    }

    public int getBlockId() {
        return blockId;
    }

    public String getElementKey() {
        return elementKey;
    }

    public int getAttempt() {
        return attempt;
    }

    public BlockStatus getStatus() {
        return status;
    }

    public String getOutputType() {
        return outputType;
    }

    public String getOutputValue() {
        return outputValue;
    }

    public String getStdout() {
        return stdout;
    }

    public String getStderr() {
        return stderr;
    }

    public Instant getStartTime() {
        return Times.instant(startTime);
    }

    public Instant getEndTime() {
        return Times.instant(endTime);
    }

    /** Marks the result as taken from the result cache: that job's (public id) block made it. */
    public ElementRun reusedFrom(Long job, int block) {
        this.reusedFromJob = job;
        this.reusedFromBlock = block;
        return this;
    }

    /** Says why it ran although the result cache was on. */
    public ElementRun ranBecause(String reason) {
        this.ranBecause = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
        return this;
    }

    public Long getReusedFromJob() {
        return reusedFromJob;
    }

    public Integer getReusedFromBlock() {
        return reusedFromBlock;
    }

    public String getRanBecause() {
        return ranBecause;
    }
}
