package org.eegworkflow.workflow.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.json.JsonObject;

import org.eegworkflow.block.control.BlockCatalog;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * A workflow read, checked against the block types of a module catalog and ready to run: made once, when the job is
 * scheduled (or once per server that runs a job it did not schedule), then only read, by the batch side and the
 * views. It keeps the compat JSON it came from, which is what the job row stores.
 */
public final class WorkflowPlan {
    private final JsonObject json;
    private final String text;
    private final Workflow workflow;
    private final Map<Integer, BlockSpec> specs;
    private final Dag dag;
    private final List<Integer> order;
    private final java.util.Set<String> modules;
    private final boolean oneAtATime;
    private final Mapping mapping;

    private WorkflowPlan(JsonObject json, Workflow workflow, Map<Integer, BlockSpec> specs) {
        this.json = json;
        this.text = json.toString();
        this.workflow = workflow;
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
        this.dag = Dag.of(workflow);
        this.order = List.copyOf(dag.topologicalOrder());
        this.modules = java.util.Set.copyOf(workflow.blocks().values().stream().map(b -> b.module()).toList());
        this.mapping = Mapping.of(workflow, this.specs, order);
        // a block run once per element runs its elements side by side, so a study is no chain even when its blocks are
        this.oneAtATime = isChain(dag, order) && mapping.mapped().isEmpty();
    }

    /**
     * Whether each block in the order depends directly on the one before it: then the order is the only one, no two
     * blocks can ever run at the same time, and a run needs one worker (and the heap of its largest block) only.
     */
    private static boolean isChain(Dag dag, List<Integer> order) {
        for (int i = 1; i < order.size(); i++) {
            if (!dag.upstreamOf(order.get(i)).contains(order.get(i - 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A workflow read and within the size limit, not yet checked against modules: the caller fetches its catalog
     * only for a workflow worth checking, so a malformed one is refused without a database look-up.
     */
    public record Source(JsonObject json, Workflow workflow) {
        /** @throws InvalidInputException naming the block, edge or property the catalog refuses */
        public WorkflowPlan compile(BlockCatalog catalog) {
            return new WorkflowPlan(json, workflow, WorkflowValidator.validate(workflow, catalog));
        }
    }

    /**
     * Parses the workflow text (the object itself or the seed page's {@code {"workflow": ...}}).
     *
     * @param maxBlocks the most blocks a workflow may have
     * @throws InvalidInputException saying what is wrong with the text, or that it has too many blocks
     */
    public static Source read(String text, int maxBlocks) {
        JsonObject json = WorkflowParser.readObject(text);
        Workflow workflow = WorkflowParser.parse(json);
        if (workflow.blocks().size() > maxBlocks) {
            throw new InvalidInputException("workflow has " + workflow.blocks().size()
                    + " blocks, more than the limit of " + maxBlocks + " (setting eegwf.workflow.max.blocks)");
        }
        return new Source(json, workflow);
    }

    /** Reads and checks a workflow in one go: for a stored one, whose catalog is known up front. */
    public static WorkflowPlan compile(String text, int maxBlocks, BlockCatalog catalog) {
        return read(text, maxBlocks).compile(catalog);
    }

    /** The compat JSON of the workflow (unwrapped from {@code {"workflow": ...}}), as the job row stores it. */
    public String text() {
        return text;
    }

    /** The same JSON as a value, for the views that echo it. */
    public JsonObject json() {
        return json;
    }

    public Workflow workflow() {
        return workflow;
    }

    /** The block type of every block, by block id, in the order the JSON lists the blocks. */
    public Map<Integer, BlockSpec> specs() {
        return specs;
    }

    public BlockSpec spec(int block) {
        return specs.get(block);
    }

    public int size() {
        return specs.size();
    }

    /** The modules the blocks come from. */
    public java.util.Set<String> modules() {
        return modules;
    }

    /** The dependency graph of the blocks (read-only). */
    public Dag dag() {
        return dag;
    }

    /** The blocks in an order where each comes after everything it depends on. */
    public List<Integer> order() {
        return order;
    }

    /** Whether the blocks form one chain, each waiting for the one before it (see {@link #isChain}). */
    public boolean oneAtATime() {
        return oneAtATime;
    }

    /** Which blocks run once per element of a collection. */
    public Mapping mapping() {
        return mapping;
    }

    /** Two plans are equal when they run the same workflow with the same block types. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WorkflowPlan plan && text.equals(plan.text) && specs.equals(plan.specs)
                && order.equals(plan.order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, specs);
    }

    @Override
    public String toString() {
        return "WorkflowPlan[" + specs.size() + " blocks, " + workflow.edges().size() + " edges]";
    }
}
