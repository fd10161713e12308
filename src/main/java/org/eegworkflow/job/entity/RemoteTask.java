package org.eegworkflow.job.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A block, or one element of a mapped block, handed to a cluster's scheduler: its scheduler job id (a Slurm job id, or
 * {@code 123_4} for a task of a job array), the node it ran on, and its task file in the shared data folder (the
 * result file beside it is the truth about how it ended). Stored when submitted, so an app server that takes the job
 * over re-attaches to it instead of submitting it again.
 */
@Entity
@Table(name = "wf_remote_task")
public class RemoteTask {
    /** Submitted, and its end not yet taken by the engine. */
    public static final String LIVE = "LIVE";
    /** Its end was taken (a result stored, or a failure). */
    public static final String ENDED = "ENDED";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_remote_task_seq")
    @SequenceGenerator(name = "wf_remote_task_seq", sequenceName = "wf_remote_task_seq", allocationSize = 1)
    private Long id;

    /** The job's row id. */
    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "block_id", nullable = false)
    private int blockId;

    @Column(name = "element_key", length = 500)
    private String elementKey;

    @Column(nullable = false)
    private int attempt;

    /** The executor, for example {@code slurm}. */
    @Column(nullable = false, length = 16)
    private String kind;

    @Column(name = "remote_id", nullable = false, length = 64)
    private String remoteId;

    @Column(length = 200)
    private String node;

    @Column(name = "task_file", nullable = false, length = 2000)
    private String taskFile;

    @Column(nullable = false, length = 16)
    private String state;

    @Column(nullable = false)
    private long submitted;

    protected RemoteTask() {
    }

    public RemoteTask(long jobId, int blockId, String elementKey, int attempt, String kind, String remoteId,
                      String taskFile, Instant submitted) {
        this.jobId = jobId;
        this.blockId = blockId;
        this.elementKey = elementKey;
        this.attempt = attempt;
        this.kind = kind;
        this.remoteId = remoteId;
        this.taskFile = taskFile;
        this.state = LIVE;
        this.submitted = submitted.toEpochMilli();
    }

    public Long getId() {
        return id;
    }

    /** For stores that are not a database (tests). */
    public void setId(Long id) {
        this.id = id;
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

    public String getKind() {
        return kind;
    }

    public String getRemoteId() {
        return remoteId;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getTaskFile() {
        return taskFile;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Instant getSubmitted() {
        return Instant.ofEpochMilli(submitted);
    }
}
