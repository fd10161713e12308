package org.eegworkflow.workflow.control;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * Which blocks of a workflow run once per element of a collection ("map over"), worked out once from the block types:
 * a collection comes from an output declared {@code collection = true} (its <em>origin</em> block); a block that
 * takes one value on an input fed by a collection is mapped over that collection's origin, and every output of a
 * mapped block is again a collection with the same keys; an array input ({@code X[]}) fed by a collection gathers it
 * whole. A mapped block pairs its collection inputs by key, so they must all come from the same origin; its other
 * inputs (single values) reach every element alike.
 */
public final class Mapping {
    /** No block of the workflow is mapped. */
    public static final Mapping NONE = new Mapping(Map.of(), Set.of());

    private final Map<Integer, Integer> mappedOver;
    private final Set<Integer> origins;

    private Mapping(Map<Integer, Integer> mappedOver, Set<Integer> origins) {
        this.mappedOver = Collections.unmodifiableMap(new LinkedHashMap<>(mappedOver));
        this.origins = Set.copyOf(origins);
    }

    /**
     * @param order the blocks in dependency order
     * @throws InvalidInputException naming the block whose inputs come from collections it cannot pair, or a
     *                               collection-making block that would itself be mapped
     */
    static Mapping of(Workflow workflow, Map<Integer, BlockSpec> specs, List<Integer> order) {
        Map<Integer, Integer> mapped = new HashMap<>();
        Set<Integer> origins = new java.util.HashSet<>();
        specs.forEach((block, spec) -> {
            if (spec.outputs().stream().anyMatch(PortSpec::collection)) {
                origins.add(block);
            }
        });
        if (origins.isEmpty()) {
            return NONE;
        }
        for (int block : order) {
            BlockSpec spec = specs.get(block);
            Map<Integer, String> byOrigin = new LinkedHashMap<>();
            for (Edge edge : workflow.edges()) {
                if (edge.to() != block) {
                    continue;
                }
                Integer origin = originOf(edge, specs, mapped);
                PortSpec input = spec.input(edge.input()).orElseThrow();
                if (origin != null && !input.gathers()) {
                    byOrigin.putIfAbsent(origin, edge.input());
                }
            }
            if (byOrigin.isEmpty()) {
                continue;
            }
            String at = "block " + block + " (" + spec.name() + ")";
            if (byOrigin.size() > 1) {
                throw new InvalidInputException(at + " is fed by collections of different blocks ("
                        + byOrigin.entrySet().stream().map(e -> "input '" + e.getValue() + "' from block " + e.getKey())
                        .collect(Collectors.joining(", ")) + "): a block run once per element pairs its inputs by"
                        + " key, so they must come from one collection");
            }
            int origin = byOrigin.keySet().iterator().next();
            if (origins.contains(block)) {
                throw new InvalidInputException(at + " makes a collection of its own, so it cannot also run once per"
                        + " element of the collection of block " + origin + " (input '" + byOrigin.get(origin)
                        + "'): a collection of collections is not supported");
            }
            mapped.put(block, origin);
        }
        return new Mapping(mapped, origins);
    }

    /** The block whose collection an edge carries, or null when it carries one value. */
    private static Integer originOf(Edge edge, Map<Integer, BlockSpec> specs, Map<Integer, Integer> mapped) {
        Integer upstream = mapped.get(edge.from());
        if (upstream != null) {
            return upstream;
        }
        boolean collection = specs.get(edge.from()).output(edge.output()).map(PortSpec::collection).orElse(false);
        return collection ? edge.from() : null;
    }

    /** Whether the workflow has collections at all. */
    public boolean any() {
        return !origins.isEmpty();
    }

    /** Whether the block runs once per element. */
    public boolean isMapped(int block) {
        return mappedOver.containsKey(block);
    }

    /** The block whose collection a mapped block runs over, or null. */
    public Integer originOf(int block) {
        return mappedOver.get(block);
    }

    /** The blocks that run once per element, each with the block that makes its collection. */
    public Map<Integer, Integer> mapped() {
        return mappedOver;
    }

    /** Whether the block's outputs are collections: it makes one, or it is mapped. */
    public boolean makesCollections(int block) {
        return origins.contains(block) || mappedOver.containsKey(block);
    }

    /** Whether the edge carries a collection (from a block that makes or maps one). */
    public boolean carriesCollection(Edge edge, Map<Integer, BlockSpec> specs) {
        return originOf(edge, specs, mappedOver) != null;
    }
}
