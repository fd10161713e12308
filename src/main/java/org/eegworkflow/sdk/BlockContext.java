package org.eegworkflow.sdk;

import java.nio.file.Path;

/** What the engine offers a running block. Declare it as the execute method's parameter to receive it. */
public interface BlockContext {

    /** A folder that belongs to this job; files written here can be offered for download. */
    Path workingDirectory();

    /** Writes a line to the block's stdout, which the job details show. */
    void log(String line);

    /** True once the job has been stopped; a long-running block should check it and return early. */
    boolean isCancelled();

    /**
     * The public id of the job this block runs in, for provenance (a BIDS derivative's {@code GeneratedBy}); empty
     * outside a job (a test).
     */
    default String jobId() {
        return "";
    }

    /**
     * Reports how far the block has come, from 0 to 1; the designer shows it while the block runs. Optional: a block
     * that never calls it shows as running until it ends.
     */
    default void progress(double fraction) {
    }

    /**
     * A writer of new samples, for an output too big for the heap (a recording, epochs): the engine keeps them in a
     * file of the job that survives a restart, and the finished {@link Samples} is its own checkpoint (only the
     * file's name is recorded). Small samples (up to {@link Samples#SMALL_BYTES}) stay in the heap. This default,
     * for contexts without a job folder (tests), uses {@link Samples#temporary}.
     */
    default Samples.Writer newSamples(int rows, long columns) {
        return Samples.temporary(rows, columns);
    }
}
