package org.eegworkflow.job.entity;

import java.time.Instant;

import org.eegworkflow.platform.Times;

/**
 * A job as its owner's job list shows it, read without the workflow text: the list is polled, and loading every
 * job's workflow (a CLOB) each time made it the costliest query of a busy server (LoadSlowIT).
 */
public record JobSummary(Long executionId, Long startTime, Long endTime, JobStatus status) {

    public Instant startInstant() {
        return Times.instant(startTime);
    }

    public Instant endInstant() {
        return Times.instant(endTime);
    }
}
