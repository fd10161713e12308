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
 * The result of one block of one job, written once, when the block ends: one insert per block keeps long chains of
 * small blocks fast. While a block runs, the server running it knows (see {@code WorkflowRun}).
 */
@Entity
@Table(name = "wf_block_run", uniqueConstraints = @UniqueConstraint(columnNames = {"job_id", "block_id"}))
@NamedQuery(name = BlockRun.OF_JOB, query = "select b from BlockRun b where b.jobId = :jobId order by b.blockId")
@NamedQuery(name = BlockRun.FORGET_UNFINISHED,
        query = "delete from BlockRun b where b.jobId = :jobId and b.status <> :completed")
@NamedQuery(name = BlockRun.FORGET, query = "delete from BlockRun b where b.jobId = :jobId and b.blockId in :blockIds")
public class BlockRun extends RunResult<BlockRun> {
    public static final String OF_JOB = "BlockRun.ofJob";
    public static final String FORGET_UNFINISHED = "BlockRun.forgetUnfinished";
    public static final String FORGET = "BlockRun.forget";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_block_run_seq")
    @SequenceGenerator(name = "wf_block_run_seq", sequenceName = "wf_block_run_seq", allocationSize = 50)
    private Long id;

    protected BlockRun() {
    }

    /** The result of a block that has ended (or, for blocks that did not run, why not). */
    public BlockRun(long jobId, int blockId, int attempt, BlockStatus status, String outputType, String outputValue,
                    String stdout, String stderr, Instant startTime, Instant endTime) {
        super(jobId, blockId, attempt, status, outputType, outputValue, stdout, stderr, startTime, endTime);
    }
}
