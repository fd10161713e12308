package org.eegworkflow.job.control.executor;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.worker.WorkerTask;

/**
 * The blocks a remote executor runs after an element's own block, in the same worker, so that a chain of small
 * blocks on one element of a study pays one scheduler job and one JVM start, not one each; and where each of their
 * outcomes goes (the engine keeps it until the block's turn comes).
 *
 * @param blocks in dependency order
 * @param sink   each follower's outcome, by block id, handed over before the first block's own future completes
 */
public record Followers(List<Follower> blocks, BiConsumer<Integer, Outcome> sink) {

    /** A block run on the element after the first, its inputs wired to blocks before it in the same worker. */
    public record Follower(int blockId, BlockSpec spec, Map<String, String> values, List<WorkerTask.Wire> wiring) {
    }

    /** How a follower ended: its outcome, or the reason it failed; its log either way. */
    public record Outcome(BlockInvoker.Outcome outcome, String failure, String stdout) {
    }
}
