package org.eegworkflow.job.entity;

/** A job's status as the API reports it. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, STOPPED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }
}
