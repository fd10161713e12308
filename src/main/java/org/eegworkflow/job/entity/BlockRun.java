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
 * The result of one block of one job, written once, when the block ends: one insert per block keeps long chains of
 * small blocks fast. While a block runs, the server running it knows (see {@code WorkflowRun}).
 */
@Entity
@Table(name = "wf_block_run", uniqueConstraints = @UniqueConstraint(columnNames = {"job_id", "block_id"}))
@NamedQuery(name = BlockRun.OF_JOB, query = "select b from BlockRun b where b.jobId = :jobId order by b.blockId")
@NamedQuery(name = BlockRun.FORGET_UNFINISHED,
        query = "delete from BlockRun b where b.jobId = :jobId and b.status <> :completed")
@NamedQuery(name = BlockRun.FORGET, query = "delete from BlockRun b where b.jobId = :jobId and b.blockId in :blockIds")
public class BlockRun {
    public static final String OF_JOB = "BlockRun.ofJob";
    public static final String FORGET_UNFINISHED = "BlockRun.forgetUnfinished";
    public static final String FORGET = "BlockRun.forget";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_block_run_seq")
    @SequenceGenerator(name = "wf_block_run_seq", sequenceName = "wf_block_run_seq", allocationSize = 50)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "block_id", nullable = false)
    private int blockId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private BlockStatus status;

    /** STRING, GRAPH, FILE or TABLE; null while the block has shown nothing. */
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

    /** The job attempt that ran the block (the details say which attempt ran what). */
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

    protected BlockRun() {
    }

    /** The result of a block that has ended (or, for blocks that did not run, why not). */
    public BlockRun(long jobId, int blockId, int attempt, BlockStatus status, String outputType, String outputValue,
                    String stdout, String stderr, Instant startTime, Instant endTime) {
        this.jobId = jobId;
        this.blockId = blockId;
        this.attempt = attempt;
        this.status = status;
        this.outputType = outputType;
        this.outputValue = outputValue;
        this.stdout = stdout;
        this.stderr = stderr;
        this.startTime = Times.millis(startTime);
        this.endTime = Times.millis(endTime);
    }

    public int getAttempt() {
        return attempt;
    }

    public long getJobId() {
        return jobId;
    }

    public int getBlockId() {
        return blockId;
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
    public BlockRun reusedFrom(Long job, int block) {
        this.reusedFromJob = job;
        this.reusedFromBlock = block;
        return this;
    }

    /** Says why it ran although the result cache was on. */
    public BlockRun ranBecause(String reason) {
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
