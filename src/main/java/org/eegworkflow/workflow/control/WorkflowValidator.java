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
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
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
                throw new InvalidInputException(at + ": unknown module " + DomainException.quote(block.module()));
            }
            BlockSpec spec = registry.find(block.module(), block.type()).orElseThrow(() -> new InvalidInputException(
                    at + ": module " + DomainException.quote(block.module()) + " has no block type "
                    + DomainException.quote(block.type())));
            specs.put(block.id(), spec);
            checkProperties(block, spec);
        }

        Map<String, Integer> connections = new HashMap<>();
        for (Edge edge : workflow.edges()) {
            String at = "edge " + edge.id();
            BlockSpec from = specs.get(edge.from());
            BlockSpec to = specs.get(edge.to());
            if (from == null || to == null) {
                throw new InvalidInputException(at + ": block " + (from == null ? edge.from() : edge.to())
                        + " does not exist");
            }
            if (edge.from() == edge.to()) {
                throw new InvalidInputException(at + " connects block " + edge.from() + " to itself: cycle "
                        + edge.from() + " -> " + edge.from());
            }
            PortSpec output = from.output(edge.output()).orElseThrow(() -> new InvalidInputException(at + ": block "
                    + edge.from() + " (" + from.name() + ") has no output " + DomainException.quote(edge.output())
                    + (from.input(edge.output()).isPresent() ? " ('" + edge.output() + "' is an input)" : "")));
            PortSpec input = to.input(edge.input()).orElseThrow(() -> new InvalidInputException(at + ": block "
                    + edge.to() + " (" + to.name() + ") has no input " + DomainException.quote(edge.input())
                    + (to.output(edge.input()).isPresent() ? " ('" + edge.input() + "' is an output)" : "")));
            if (!Types.compatible(output.type(), input.type())) {
                throw new InvalidInputException(at + ": output '" + output.name() + "' of block " + edge.from()
                        + " is " + output.type() + " but input '" + input.name() + "' of block " + edge.to()
                        + " takes " + input.type());
            }
            int count = connections.merge(edge.to() + "\u0000" + input.name(), 1, Integer::sum);
            if (count > input.max()) {
                throw new InvalidInputException(at + ": input '" + input.name() + "' of block " + edge.to()
                        + " accepts at most " + input.max() + " connection" + (input.max() == 1 ? "" : "s")
                        + " (cardinality " + input.cardinality() + ")");
            }
        }
        for (Map.Entry<Integer, BlockSpec> entry : specs.entrySet()) {
            for (PortSpec input : entry.getValue().inputs()) {
                int count = connections.getOrDefault(entry.getKey() + "\u0000" + input.name(), 0);
                if (count < input.min()) {
                    throw new InvalidInputException("block " + entry.getKey() + " (" + entry.getValue().name()
                            + "): input '" + input.name() + "' needs " + (input.min() == 1 ? "a connection"
                            : "at least " + input.min() + " connections") + " but has " + count);
                }
            }
        }
        try {
            Dag.of(workflow).topologicalOrder();
        } catch (Dag.CycleException e) {
            String loop = e.cycle().stream().map(String::valueOf).collect(Collectors.joining(" -> "));
            throw new InvalidInputException("the workflow has a cycle: blocks " + loop + " -> " + e.cycle().get(0));
        }
        return specs;
    }

    private static void checkProperties(BlockNode block, BlockSpec spec) {
        for (Map.Entry<String, String> value : block.values().entrySet()) {
            PropertySpec property = spec.property(value.getKey()).orElseThrow(() -> new InvalidInputException(
                    "block " + block.id() + " (" + spec.name() + ") has no property "
                            + DomainException.quote(value.getKey())));
            if (value.getValue().isEmpty()) {
                continue;
            }
            try {
                Values.parse(value.getValue(), property.type(), property.field().getType());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("block " + block.id() + " (" + spec.name() + "): property '"
                        + property.name() + "' " + e.getMessage() + ", got '" + abbreviate(value.getValue()) + "'");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
