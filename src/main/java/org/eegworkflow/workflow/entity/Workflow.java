package org.eegworkflow.workflow.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed workflow: blocks by id, in the order the JSON lists them, and edges. */
public record Workflow(Map<Integer, BlockNode> blocks, List<Edge> edges) {

    public Workflow {
        blocks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
        edges = List.copyOf(edges);
    }

    public BlockNode block(int id) {
        return blocks.get(id);
    }
}
