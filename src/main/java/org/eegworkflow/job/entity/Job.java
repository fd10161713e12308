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
@NamedQuery(name = Job.ASSIGN_EXECUTION, query = "update Job j set j.executionId = :executionId where j.id = :id")
@NamedQuery(name = Job.MARK_RUNNING, query = "update Job j set j.status = :status, j.lastExecutionId = :executionId,"
        + " j.startTime = coalesce(j.startTime, :now), j.endTime = null, j.error = null,"
        + " j.attempts = j.attempts + 1 where j.id = :id and j.status = :queued and j.node = :node")
@NamedQuery(name = Job.REQUEUE, query = "update Job j set j.status = :status, j.endTime = null, j.error = null,"
        + " j.node = :node, j.stopRequested = false where j.id = :id and j.status in :ended")
@NamedQuery(name = Job.RUN_AGAIN, query = "update Job j set j.status = :queued, j.endTime = null, j.error = null"
        + " where j.id = :id and j.status = :running and j.node = :node")
@NamedQuery(name = Job.WITH_STATUS, query = "select j from Job j where j.status = :status order by j.id")
@NamedQuery(name = Job.FINISH_IF, query = "update Job j set j.status = :status, j.endTime = :now,"
        + " j.error = :error where j.id = :id and j.status = :expected"
        + " and (j.node = :node or j.node is null)")
@NamedQuery(name = Job.OF_NODE, query = "select j from Job j where j.status = :status and j.node = :node"
        + " order by j.id")
@NamedQuery(name = Job.OF_NODE_OR_NONE, query = "select j from Job j where j.status = :status"
        + " and (j.node = :node or j.node is null) order by j.id")
@NamedQuery(name = Job.CLAIM, query = "update Job j set j.node = :node where j.id = :id and j.status = :status"
        + " and (j.node = :from or j.node is null)")
@NamedQuery(name = Job.REQUEST_STOP, query = "update Job j set j.stopRequested = true where j.id = :id"
        + " and j.status in :statuses")
@NamedQuery(name = Job.LOCAL_STATES, query = "select j.id, j.status, j.node, j.stopRequested, j.lastExecutionId"
        + " from Job j where j.id in :ids")
public class Job {
    public static final String OF_OWNER = "Job.ofOwner";
    public static final String BY_EXECUTION_AND_OWNER = "Job.byExecutionAndOwner";
    public static final String ASSIGN_EXECUTION = "Job.assignExecution";
    public static final String MARK_RUNNING = "Job.markRunning";
    public static final String REQUEUE = "Job.requeue";
    public static final String RUN_AGAIN = "Job.runAgain";
    public static final String WITH_STATUS = "Job.withStatus";
    public static final String FINISH_IF = "Job.finishIf";
    public static final String OF_NODE = "Job.ofNode";
    public static final String OF_NODE_OR_NONE = "Job.ofNodeOrNone";
    public static final String CLAIM = "Job.claim";
    public static final String REQUEST_STOP = "Job.requestStop";
    public static final String LOCAL_STATES = "Job.localStates";

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

    /** The server instance the job belongs to: the one that accepted it or restarted it last (null: older rows). */
    @Column(length = 255)
    private String node;

    /** A stop was asked for on another node; the job's own node stops it. */
    @Column(name = "stop_requested", nullable = false)
    private boolean stopRequested;

    /** Whether the result cache is on for this job (the schedule form's {@code cache}); null: the setting decides. */
    @Column(name = "cache_results")
    private Boolean cacheResults;

    protected Job() {
    }

    public Job(long ownerId, String workflow, String moduleVersions, Instant createdAt, String node) {
        this.ownerId = ownerId;
        this.node = node;
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

    public String getNode() {
        return node;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    public Boolean getCacheResults() {
        return cacheResults;
    }

    public void setCacheResults(Boolean cacheResults) {
        this.cacheResults = cacheResults;
    }
}
