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
     * Reports how far the block has come, from 0 to 1; the designer shows it while the block runs. Optional: a block
     * that never calls it shows as running until it ends.
     */
    default void progress(double fraction) {
    }
}
