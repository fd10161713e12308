package org.eegworkflow.job.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;

import org.eegworkflow.platform.Times;

/**
 * What a block's result and an element's result have alike (their tables have the same columns): the status, what
 * it shows, its streams and times, the attempt that made it, and where the result cache had it from.
 *
 * @param <T> the entity, so that the fluent setters keep its type
 */
@MappedSuperclass
public abstract class RunResult<T extends RunResult<T>> {

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

    /** The job attempt that ran it (the details say which attempt ran what). */
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

    protected RunResult() {
    }

    protected RunResult(long jobId, int blockId, int attempt, BlockStatus status, String outputType,
                        String outputValue, String stdout, String stderr, Instant startTime, Instant endTime) {
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

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Marks the result as taken from the result cache: that job's (public id) block made it. */
    public T reusedFrom(Long job, int block) {
        this.reusedFromJob = job;
        this.reusedFromBlock = block;
        return self();
    }

    /** Says why it ran although the result cache was on. */
    public T ranBecause(String reason) {
        this.ranBecause = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
        return self();
    }

    public long getJobId() {
        return jobId;
    }

    public int getBlockId() {
        return blockId;
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
