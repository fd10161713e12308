package org.eegworkflow.job.entity;

/** A block's status within one job; a block with no run yet is waiting. */
public enum BlockStatus {
    WAITING, RUNNING, COMPLETED, FAILED
}
