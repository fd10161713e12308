package org.eegworkflow.job.control.events;

import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.JobStatus;

/**
 * What happens to a job and its blocks, made once where it happens (or from the stored rows, for a snapshot).
 * {@link JobEventJson} is its only wire form, so the live stream and a snapshot cannot differ.
 */
public sealed interface JobEvent {

    /** The job's status changed; {@code error} says why it failed (or is null). */
    record StatusChanged(JobStatus status, String error) implements JobEvent {
    }

    /** A block started running, in that attempt of the job. */
    record BlockStarted(int blockId, int attempt) implements JobEvent {
    }

    /**
     * A block ended (COMPLETED, FAILED or STOPPED) with what it shows (its output's type and value, or nulls) and its
     * stderr (its failure's reason).
     */
    record BlockEnded(int blockId, BlockStatus status, int attempt, String outputType, String outputValue,
                      String stderr) implements JobEvent {
        public BlockEnded {
            stderr = stderr == null ? "" : stderr;
        }

        /** The end a stored block result records. */
        public static BlockEnded of(BlockRun run) {
            return new BlockEnded(run.getBlockId(), run.getStatus(), run.getAttempt(), run.getOutputType(),
                    run.getOutputValue(), run.getStderr());
        }
    }

    /**
     * One element of a block that runs once per element ended (COMPLETED or FAILED), or started (RUNNING), with
     * what it shows and its stderr.
     */
    record ElementEnded(int blockId, String key, BlockStatus status, int attempt, String outputType,
                        String outputValue, String stderr) implements JobEvent {
        public ElementEnded {
            stderr = stderr == null ? "" : stderr;
        }

        /** The end a stored element result records. */
        public static ElementEnded of(org.eegworkflow.job.entity.ElementRun run) {
            return new ElementEnded(run.getBlockId(), run.getElementKey(), run.getStatus(), run.getAttempt(),
                    run.getOutputType(), run.getOutputValue(), run.getStderr());
        }
    }

    /** A running block's own report of how far it is, from 0 to 1. */
    record BlockProgress(int blockId, double fraction) implements JobEvent {
        public BlockProgress {
            fraction = Math.max(0, Math.min(1, fraction));
        }
    }
}
