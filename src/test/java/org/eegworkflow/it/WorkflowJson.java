package org.eegworkflow.it;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/** Builds workflow JSON as the designer writes it. */
public final class WorkflowJson {
    public static final String ARITHMETIC = "Arithmetic.zip:Arithmetic";
    public static final String TEST = "TestBlocks.jar:TestBlocks";

    private final JsonArrayBuilder blocks = Json.createArrayBuilder();
    private final JsonArrayBuilder edges = Json.createArrayBuilder();
    private int edgeId;

    public WorkflowJson block(int id, String module, String type, Map<String, String> values) {
        JsonObjectBuilder properties = Json.createObjectBuilder();
        values.forEach(properties::add);
        blocks.add(Json.createObjectBuilder().add("id", id).add("x", id * 10.0).add("y", 0).add("type", type)
                .add("module", module).add("values", properties));
        return this;
    }

    public WorkflowJson constant(int id, double value) {
        return block(id, ARITHMETIC, "Constant", Map.of("constant value", Double.toString(value)));
    }

    public WorkflowJson arithmetic(int id, String type) {
        return block(id, ARITHMETIC, type, Map.of());
    }

    public WorkflowJson test(int id, String type, Map<String, String> values) {
        return block(id, TEST, type, values);
    }

    public WorkflowJson edge(int from, String output, int to, String input) {
        edges.add(Json.createObjectBuilder().add("id", ++edgeId).add("block1", from)
                .add("connector1", Json.createArrayBuilder().add(output).add("output"))
                .add("block2", to).add("connector2", Json.createArrayBuilder().add(input).add("input")));
        return this;
    }

    public String json() {
        return Json.createObjectBuilder().add("blocks", blocks).add("edges", edges).build().toString();
    }
}
