package org.eegworkflow.workflow.entity;

import java.util.Map;

/** A block placed in a workflow: its id, which block type it is, and its property values as text. */
public record BlockNode(int id, String type, String module, Map<String, String> values) {

    /** Read-only, in the order the JSON lists them: a compiled plan is shared between runs and views. */
    public BlockNode {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
