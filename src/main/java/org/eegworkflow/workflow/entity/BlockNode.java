package org.eegworkflow.workflow.entity;

import java.util.Map;

/** A block placed in a workflow: its id, which block type it is, and its property values as text. */
public record BlockNode(int id, String type, String module, Map<String, String> values) {
}
