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

import org.eegworkflow.platform.Times;

/**
 * One scheduled workflow. Its public id is the Jakarta Batch execution id of its first run ({@code executionId});
 * the row's own id exists because the row is written before the batch runtime hands out that execution id.
 */
@Entity
@Table(name = "wf_job")
@NamedQuery(name = Job.OF_OWNER, query = "select new org.eegworkflow.job.entity.JobSummary(j.executionId,"
        + " j.startTime, j.endTime, j.status) from Job j where j.ownerId = :ownerId"
        + " and j.executionId is not null order by j.executionId desc")
@NamedQuery(name = Job.BY_EXECUTION_AND_OWNER,
        query = "select j from Job j where j.executionId = :executionId and j.ownerId = :ownerId")
@NamedQuery(name = Job.ASSIGN_EXECUTION, query = "update Job j set j.executionId = :executionId,"
        + " j.lastExecutionId = :executionId where j.id = :id")
@NamedQuery(name = Job.MARK_RUNNING, query = "update Job j set j.status = :status, j.lastExecutionId = :executionId,"
        + " j.startTime = coalesce(j.startTime, :now), j.endTime = null, j.error = null,"
        + " j.attempts = j.attempts + 1 where j.id = :id")
@NamedQuery(name = Job.SET_LAST_EXECUTION,
        query = "update Job j set j.lastExecutionId = :executionId where j.id = :id")
@NamedQuery(name = Job.REQUEUE, query = "update Job j set j.status = :status, j.endTime = null, j.error = null"
        + " where j.id = :id")
@NamedQuery(name = Job.WITH_STATUS, query = "select j from Job j where j.status = :status order by j.id")
@NamedQuery(name = Job.MARK_FINISHED, query = "update Job j set j.status = :status, j.endTime = :now,"
        + " j.error = :error where j.id = :id")
public class Job {
    public static final String OF_OWNER = "Job.ofOwner";
    public static final String BY_EXECUTION_AND_OWNER = "Job.byExecutionAndOwner";
    public static final String ASSIGN_EXECUTION = "Job.assignExecution";
    public static final String MARK_RUNNING = "Job.markRunning";
    public static final String MARK_FINISHED = "Job.markFinished";
    public static final String SET_LAST_EXECUTION = "Job.setLastExecution";
    public static final String REQUEUE = "Job.requeue";
    public static final String WITH_STATUS = "Job.withStatus";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_job_seq")
    @SequenceGenerator(name = "wf_job_seq", sequenceName = "wf_job_seq", allocationSize = 20)
    private Long id;

    @Column(name = "execution_id", unique = true)
    private Long executionId;

    @Column(name = "last_execution_id")
    private Long lastExecutionId;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "workflow", nullable = false)
    private String workflow;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private JobStatus status;

    @Column(name = "created_at", nullable = false)
    private Long createdAt;

    @Column(name = "start_time")
    private Long startTime;

    @Column(name = "end_time")
    private Long endTime;

    @Column(length = 2000)
    private String error;

    /** The uploaded module versions the job runs with, as JSON ({"Filters.jar:Filters": 2}); null for none. */
    @Column(name = "module_versions", length = 4000)
    private String moduleVersions;

    /** How many times the job was admitted to run: 1 for its first run, one more for each restart. */
    @Column(nullable = false)
    private int attempts;

    protected Job() {
    }

    public Job(long ownerId, String workflow, String moduleVersions, Instant createdAt) {
        this.ownerId = ownerId;
        this.workflow = workflow;
        this.moduleVersions = moduleVersions;
        this.createdAt = Times.millis(createdAt);
        this.status = JobStatus.QUEUED;
    }

    public Long getId() {
        return id;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public Long getLastExecutionId() {
        return lastExecutionId;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public String getWorkflow() {
        return workflow;
    }

    public JobStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return Times.instant(createdAt);
    }

    public Instant getStartTime() {
        return Times.instant(startTime);
    }

    public Instant getEndTime() {
        return Times.instant(endTime);
    }

    public String getError() {
        return error;
    }

    public String getModuleVersions() {
        return moduleVersions;
    }

    public int getAttempts() {
        return attempts;
    }
}
