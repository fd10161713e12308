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
public class ElementRun extends RunResult<ElementRun> {
    public static final String OF_JOB = "ElementRun.ofJob";
    public static final String FORGET_UNFINISHED = "ElementRun.forgetUnfinished";
    public static final String FORGET_ALL = "ElementRun.forgetAll";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "wf_element_run_seq")
    @SequenceGenerator(name = "wf_element_run_seq", sequenceName = "wf_element_run_seq", allocationSize = 50)
    private Long id;

    @Column(name = "element_key", nullable = false, length = 500)
    private String elementKey;

    protected ElementRun() {
    }

    public ElementRun(long jobId, int blockId, String elementKey, int attempt, BlockStatus status, String outputType,
                      String outputValue, String stdout, String stderr, Instant startTime, Instant endTime) {
        super(jobId, blockId, attempt, status, outputType, outputValue, stdout, stderr, startTime, endTime);
        this.elementKey = elementKey;
    }

    public String getElementKey() {
        return elementKey;
    }
}
