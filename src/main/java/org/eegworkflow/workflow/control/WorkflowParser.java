package org.eegworkflow.workflow.control;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.workflow.entity.BlockNode;
import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;

/**
 * Reads the designer's workflow JSON into a {@link Workflow}. Accepts the workflow object itself or the seed page's
 * form, {@code {"workflow": {...}}}; edges may be written output-first or input-first. Every refusal is a 400 that
 * names the block, the edge or the field.
 */
public final class WorkflowParser {

    private WorkflowParser() {
    }

    /** Deeper than any workflow (four levels), shallow enough for every JSON-P implementation's own limit. */
    static final int MAX_DEPTH = 64;

    /** The workflow object of a request, unwrapped from {@code {"workflow": ...}} where the client sent that form. */
    public static JsonObject readObject(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("workflow: required (the workflow JSON as the form field 'workflow')");
        }
        JsonValue value;
        try {
            checkStructure(text);
            try (JsonParser parser = Jsons.PROVIDER.createParser(new StringReader(text))) {
                parser.next();
                value = parser.getValue();
                if (parser.hasNext()) {
                    throw new InvalidInputException("workflow is not valid JSON: there is more text after its end"
                            + at(parser.getLocation()));
                }
            }
        } catch (JsonParsingException e) {
            throw new InvalidInputException("workflow is not valid JSON" + at(e.getLocation()));
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            // the JSON-P implementation's own limits (such as the digits of a number) surface as plain runtime
            // exceptions whose types differ between implementations
            throw new InvalidInputException("workflow is not valid JSON, or holds a number too long to read");
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException("workflow must be a JSON object with 'blocks' and 'edges'");
        }
        if (!object.containsKey("blocks") && object.get("workflow") instanceof JsonObject inner) {
            return inner;
        }
        return object;
    }

    /**
     * Refuses, before any value is built, what a JSON-P implementation would accept in its own way or not at all:
     * nesting beyond {@link #MAX_DEPTH}, and a key twice in one object (where one of the two would silently win).
     */
    private static void checkStructure(String text) {
        Deque<Set<String>> objects = new ArrayDeque<>();
        int depth = 0;
        try (JsonParser parser = Jsons.PROVIDER.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new InvalidInputException("workflow nests objects and arrays more than " + MAX_DEPTH
                                    + " levels deep" + at(parser.getLocation()));
                        }
                        objects.push(parser.currentEvent() == JsonParser.Event.START_OBJECT
                                ? new HashSet<>() : Set.of());
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        objects.pop();
                    }
                    case KEY_NAME -> {
                        if (!objects.peek().add(parser.getString())) {
                            throw new InvalidInputException("workflow has the key "
                                    + DomainException.quote(parser.getString()) + " twice in one object"
                                    + at(parser.getLocation()));
                        }
                    }
                    default -> {
                        // values are read in the second pass
                    }
                }
            }
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }

    public static Workflow parse(JsonObject object) {
        JsonArray blockArray = array(object, "blocks", "workflow.blocks");
        Map<Integer, BlockNode> blocks = new LinkedHashMap<>();
        for (int i = 0; i < blockArray.size(); i++) {
            String where = "blocks[" + i + "]";
            JsonObject block = object(blockArray.get(i), where);
            int id = integer(block, "id", where);
            coordinate(block, "x", id);
            coordinate(block, "y", id);
            String type = string(block, "type", "block " + id);
            String module = string(block, "module", "block " + id);
            Map<String, String> values = values(block, id);
            if (blocks.put(id, new BlockNode(id, type, module, values)) != null) {
                throw new InvalidInputException("duplicate block id " + id + ": every block needs its own id");
            }
        }
        if (blocks.isEmpty()) {
            throw new InvalidInputException("workflow.blocks is empty: a workflow needs at least one block");
        }

        JsonArray edgeArray = object.containsKey("edges") && object.get("edges") != JsonValue.NULL
                ? array(object, "edges", "workflow.edges") : JsonValue.EMPTY_JSON_ARRAY;
        List<Edge> edges = new ArrayList<>();
        Set<Integer> edgeIds = new HashSet<>();
        for (int i = 0; i < edgeArray.size(); i++) {
            String where = "edges[" + i + "]";
            JsonObject edge = object(edgeArray.get(i), where);
            int id = integer(edge, "id", where);
            if (!edgeIds.add(id)) {
                throw new InvalidInputException("duplicate edge id " + id + ": every edge needs its own id");
            }
            String at = "edge " + id;
            int block1 = integer(edge, "block1", at);
            int block2 = integer(edge, "block2", at);
            String[] end1 = connector(edge, "connector1", at);
            String[] end2 = connector(edge, "connector2", at);
            if (end1[1].equals(end2[1])) {
                throw new InvalidInputException(at + " connects " + end1[1] + " " + DomainException.quote(end1[0])
                        + " of block " + block1 + " to " + end2[1] + " " + DomainException.quote(end2[0]) + " of block "
                        + block2
                        + ": an edge must join an output to an input");
            }
            edges.add(end1[1].equals("output")
                    ? new Edge(id, block1, end1[0], block2, end2[0])
                    : new Edge(id, block2, end2[0], block1, end1[0]));
        }
        return new Workflow(blocks, edges);
    }

    private static Map<String, String> values(JsonObject block, int id) {
        JsonValue raw = block.get("values");
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw == JsonValue.NULL) {
            return values;
        }
        if (!(raw instanceof JsonObject object)) {
            throw new InvalidInputException("block " + id + ": 'values' must be an object of property name to text");
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            JsonValue value = entry.getValue();
            String text = switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NUMBER, TRUE, FALSE -> value.toString();
                case NULL -> "";
                default -> throw new InvalidInputException("block " + id + ": property " + DomainException.quote(entry.getKey())
                        + " must be text, a number or a boolean");
            };
            values.put(entry.getKey(), text);
        }
        return values;
    }

    /** Where the designer draws the block: optional, but a number when given (the designer reads it back). */
    private static void coordinate(JsonObject block, String key, int id) {
        JsonValue value = block.get(key);
        if (value != null && !(value instanceof JsonNumber number && Double.isFinite(number.doubleValue()))) {
            throw new InvalidInputException("block " + id + ": '" + key + "' must be a number (its position in the"
                    + " designer)");
        }
    }

    private static String[] connector(JsonObject edge, String key, String at) {
        JsonValue raw = edge.get(key);
        if (!(raw instanceof JsonArray array) || array.size() != 2
                || !(array.get(0) instanceof JsonString name) || !(array.get(1) instanceof JsonString side)
                || !(side.getString().equals("output") || side.getString().equals("input"))) {
            throw new InvalidInputException(at + ": '" + key + "' must be [connector name, \"output\" or \"input\"]");
        }
        return new String[] {name.getString(), side.getString()};
    }

    private static JsonArray array(JsonObject object, String key, String where) {
        JsonValue value = object.get(key);
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInputException(where + ": required, an array");
        }
        return array;
    }

    private static JsonObject object(JsonValue value, String where) {
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException(where + " must be a JSON object");
        }
        return object;
    }

    private static int integer(JsonObject object, String key, String where) {
        JsonValue value = object.get(key);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                // falls through to the refusal below
            }
        }
        throw new InvalidInputException(where + ": '" + key + "' must be an integer"
                + (value == null ? " (it is missing)" : ""));
    }

    private static String string(JsonObject object, String key, String where) {
        JsonValue value = object.get(key);
        if (!(value instanceof JsonString text) || text.getString().isBlank()) {
            throw new InvalidInputException(where + ": '" + key + "' must be a non-empty string");
        }
        return text.getString();
    }
}
