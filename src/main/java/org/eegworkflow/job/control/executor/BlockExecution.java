package org.eegworkflow.job.control.executor;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;

import org.eegworkflow.block.control.BlockInvoker;

/**
 * An executor of blocks. Each started invocation's future ends with the block's outcome, or fails with a
 * {@link org.eegworkflow.block.control.BlockFailedException} whose message is the reason a person reads (any other
 * exception is the block's own, described by the engine). Cancelling a future stops its block.
 */
public interface BlockExecution {

    /** The executor's name, as settings and job details give it ({@code local}, {@code slurm}). */
    String kind();

    /**
     * Whether the executor keeps the block time limit itself, from when a block really starts (a scheduler's queue
     * is no part of it); the engine then waits without a deadline of its own.
     */
    boolean timesBlocks();

    /**
     * Starts the runs, in order. A remote executor submits the elements of one mapped block together (a Slurm job
     * array), so their number is not limited by the app server's workers.
     *
     * @param done where each future is put once it is done (completed, failed or cancelled); null when the caller
     *             waits on the futures themselves
     */
    List<Future<BlockInvoker.Outcome>> start(List<Invocation> invocations,
                                             BlockingQueue<Future<BlockInvoker.Outcome>> done);
}
