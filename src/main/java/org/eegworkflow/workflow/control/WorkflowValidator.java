package org.eegworkflow.workflow.control;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.eegworkflow.block.control.BlockCatalog;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.block.control.PropertySpec;
import org.eegworkflow.block.control.Values;
import org.eegworkflow.platform.ApiException;
import org.eegworkflow.sdk.Types;
import org.eegworkflow.workflow.entity.BlockNode;
import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * Checks a parsed workflow as a whole against the block types it uses. Every refusal is a 400 naming the block id,
 * the edge id and the connector or property.
 */
public final class WorkflowValidator {

    private WorkflowValidator() {
    }

    /** The block type of every block, once the workflow is known to be runnable. */
    public static Map<Integer, BlockSpec> validate(Workflow workflow, BlockCatalog registry) {
        Map<Integer, BlockSpec> specs = new LinkedHashMap<>();
        for (BlockNode block : workflow.blocks().values()) {
            String at = "block " + block.id();
            if (!registry.hasModule(block.module())) {
                throw ApiException.badRequest(at + ": unknown module " + ApiException.quote(block.module()));
            }
            BlockSpec spec = registry.find(block.module(), block.type()).orElseThrow(() -> ApiException.badRequest(
                    at + ": module " + ApiException.quote(block.module()) + " has no block type "
                    + ApiException.quote(block.type())));
            specs.put(block.id(), spec);
            checkProperties(block, spec);
        }

        Map<String, Integer> connections = new HashMap<>();
        for (Edge edge : workflow.edges()) {
            String at = "edge " + edge.id();
            BlockSpec from = specs.get(edge.from());
            BlockSpec to = specs.get(edge.to());
            if (from == null || to == null) {
                throw ApiException.badRequest(at + ": block " + (from == null ? edge.from() : edge.to())
                        + " does not exist");
            }
            if (edge.from() == edge.to()) {
                throw ApiException.badRequest(at + " connects block " + edge.from() + " to itself: cycle "
                        + edge.from() + " -> " + edge.from());
            }
            PortSpec output = from.output(edge.output()).orElseThrow(() -> ApiException.badRequest(at + ": block "
                    + edge.from() + " (" + from.name() + ") has no output " + ApiException.quote(edge.output())
                    + (from.input(edge.output()).isPresent() ? " ('" + edge.output() + "' is an input)" : "")));
            PortSpec input = to.input(edge.input()).orElseThrow(() -> ApiException.badRequest(at + ": block "
                    + edge.to() + " (" + to.name() + ") has no input " + ApiException.quote(edge.input())
                    + (to.output(edge.input()).isPresent() ? " ('" + edge.input() + "' is an output)" : "")));
            if (!Types.compatible(output.type(), input.type())) {
                throw ApiException.badRequest(at + ": output '" + output.name() + "' of block " + edge.from()
                        + " is " + output.type() + " but input '" + input.name() + "' of block " + edge.to()
                        + " takes " + input.type());
            }
            int count = connections.merge(edge.to() + "\u0000" + input.name(), 1, Integer::sum);
            if (count > input.max()) {
                throw ApiException.badRequest(at + ": input '" + input.name() + "' of block " + edge.to()
                        + " accepts at most " + input.max() + " connection" + (input.max() == 1 ? "" : "s")
                        + " (cardinality " + input.cardinality() + ")");
            }
        }
        for (Map.Entry<Integer, BlockSpec> entry : specs.entrySet()) {
            for (PortSpec input : entry.getValue().inputs()) {
                int count = connections.getOrDefault(entry.getKey() + "\u0000" + input.name(), 0);
                if (count < input.min()) {
                    throw ApiException.badRequest("block " + entry.getKey() + " (" + entry.getValue().name()
                            + "): input '" + input.name() + "' needs " + (input.min() == 1 ? "a connection"
                            : "at least " + input.min() + " connections") + " but has " + count);
                }
            }
        }
        try {
            Dag.of(workflow).topologicalOrder();
        } catch (Dag.CycleException e) {
            String loop = e.cycle().stream().map(String::valueOf).collect(Collectors.joining(" -> "));
            throw ApiException.badRequest("the workflow has a cycle: blocks " + loop + " -> " + e.cycle().get(0));
        }
        return specs;
    }

    private static void checkProperties(BlockNode block, BlockSpec spec) {
        for (Map.Entry<String, String> value : block.values().entrySet()) {
            PropertySpec property = spec.property(value.getKey()).orElseThrow(() -> ApiException.badRequest(
                    "block " + block.id() + " (" + spec.name() + ") has no property "
                            + ApiException.quote(value.getKey())));
            if (value.getValue().isEmpty()) {
                continue;
            }
            try {
                Values.parse(value.getValue(), property.type(), property.field().getType());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("block " + block.id() + " (" + spec.name() + "): property '"
                        + property.name() + "' " + e.getMessage() + ", got '" + abbreviate(value.getValue()) + "'");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
