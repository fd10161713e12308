package org.eegworkflow.job.control.run;

import java.util.HashMap;
import java.util.Map;

import org.eegworkflow.block.control.BlockSpec;

/**
 * What a job needs of the heap, from its blocks' declarations ({@code @BlockType(memoryMb)}, or the default for a
 * block that declares nothing). Up to {@code workers} blocks of a job run at once (one for a chain, see
 * {@code WorkflowPlan.oneAtATime}), so the job needs at most its {@code workers} largest blocks together
 * ({@link #peakMb}); it can make progress with its largest block alone
 * ({@link #largestMb}), one block at a time. The dispatcher reserves the peak, capped at the budget; the run then never
 * has more running at once than its reservation holds ({@link WorkflowRun#take}).
 *
 * @param blocksMb  each block's need, by block id
 * @param largestMb the largest single block's need: more than the whole budget, and the job can never run here
 * @param peakMb    what the job needs with as many blocks running at once as it has workers
 */
public record MemoryNeed(Map<Integer, Long> blocksMb, long largestMb, long peakMb) {

    /** A job whose need is not known (its workflow could not be read): it is taken to need nothing. */
    public static final MemoryNeed UNKNOWN = new MemoryNeed(Map.of(), 0, 0);

    public MemoryNeed {
        blocksMb = Map.copyOf(blocksMb);
    }

    /**
     * @param specs      the job's blocks
     * @param workers    how many of them may run at once
     * @param defaultMb  the need of a block that declares none
     */
    public static MemoryNeed of(Map<Integer, BlockSpec> specs, int workers, long defaultMb) {
        return of(specs, workers, defaultMb, java.util.Set.of());
    }

    /**
     * As {@link #of(Map, int, long)} for a job with blocks that run once per element: such a block alone may run
     * {@code workers} elements side by side, so the peak is at least that many times its need.
     *
     * @param mapped the blocks that run once per element
     */
    public static MemoryNeed of(Map<Integer, BlockSpec> specs, int workers, long defaultMb,
                                java.util.Set<Integer> mapped) {
        MemoryNeed plain = blocks(specs, workers, defaultMb);
        long elements = mapped.stream().mapToLong(plain::of).max().orElse(0) * Math.max(1, workers);
        return new MemoryNeed(plain.blocksMb(), plain.largestMb(), Math.max(plain.peakMb(), elements));
    }

    private static MemoryNeed blocks(Map<Integer, BlockSpec> specs, int workers, long defaultMb) {
        Map<Integer, Long> needs = new HashMap<>();
        specs.forEach((block, spec) -> needs.put(block, spec.memoryMb() > 0 ? spec.memoryMb() : defaultMb));
        long largest = needs.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long peak = needs.values().stream().sorted(java.util.Comparator.reverseOrder())
                .limit(Math.max(1, workers)).mapToLong(Long::longValue).sum();
        return new MemoryNeed(needs, largest, peak);
    }

    /**
     * What the job reserves under a budget: its peak, but never more than the budget (then fewer blocks run at once).
     */
    public long reserveMb(long budgetMb) {
        return Math.min(peakMb, budgetMb);
    }

    /** A block's need (0 for one not known). */
    public long of(int block) {
        return blocksMb.getOrDefault(block, 0L);
    }
}
