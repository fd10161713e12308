package org.eegworkflow.job.entity;

/**
 * A block's status within one job: a block with no run yet is waiting; a stopped block was interrupted when its job
 * was stopped, and runs again when the job is restarted.
 */
public enum BlockStatus {
    WAITING, RUNNING, COMPLETED, FAILED, STOPPED
}
