package org.eegworkflow.workflow.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowParserTest {

    static Workflow parse(String json) {
        return WorkflowParser.parse(WorkflowParser.readObject(json));
    }

    static String seed() throws IOException {
        try (InputStream in = WorkflowParserTest.class.getResourceAsStream("/workflows/seed-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String refusal(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(json));
        return e.getMessage();
    }

    @Test
    void readsTheSeedExampleAsThePageShowsIt() throws IOException {
        Workflow workflow = parse(seed());
        assertEquals(3, workflow.blocks().size());
        assertEquals("40", workflow.block(1).values().get("constant value"));
        assertEquals("Addition", workflow.block(3).type());
        assertEquals("Arithmetic.zip:Arithmetic", workflow.block(3).module());
        assertEquals(new Edge(1, 1, "output", 3, "num1"), workflow.edges().get(0));
        assertEquals(new Edge(2, 2, "output", 3, "num2"), workflow.edges().get(1));
    }

    @Test
    void storesInputFirstEdgesOutputFirst() {
        Workflow workflow = parse("""
            {"blocks": [{"id": 1, "type": "Constant", "module": "M"}, {"id": 2, "type": "Addition", "module": "M"}],
             "edges": [{"id": 7, "block1": 2, "connector1": ["num1", "input"],
                        "block2": 1, "connector2": ["output", "output"]}]}
            """);
        assertEquals(new Edge(7, 1, "output", 2, "num1"), workflow.edges().get(0));
    }

    @Test
    void acceptsNumbersAndBooleansAsPropertyValues() {
        Workflow workflow = parse("""
            {"blocks": [{"id": 1, "type": "T", "module": "M", "values": {"a": 40, "b": true, "c": null}}], "edges": []}
            """);
        assertEquals("40", workflow.block(1).values().get("a"));
        assertEquals("true", workflow.block(1).values().get("b"));
        assertEquals("", workflow.block(1).values().get("c"));
    }

    @Test
    void refusesMalformedInputNamingWhatIsWrong() {
        assertTrue(refusal("{\"blocks\": [").contains("not valid JSON"));
        assertTrue(refusal("[1, 2]").contains("JSON object"));
        assertTrue(refusal("").startsWith("workflow: required"));
        assertTrue(refusal("{\"edges\": []}").contains("workflow.blocks"));
        assertTrue(refusal("{\"blocks\": []}").contains("at least one block"));
        assertTrue(refusal("{\"blocks\": [{\"id\": \"one\", \"type\": \"T\", \"module\": \"M\"}]}")
                .contains("'id' must be an integer"));
        assertTrue(refusal("{\"blocks\": [{\"id\": 1e12, \"type\": \"T\", \"module\": \"M\"}]}")
                .contains("'id' must be an integer"));
        assertTrue(refusal("{\"blocks\": [{\"id\": 4, \"module\": \"M\"}]}").contains("block 4: 'type'"));
        assertTrue(refusal("""
            {"blocks": [{"id": 1, "type": "T", "module": "M"}, {"id": 1, "type": "T", "module": "M"}]}
            """).contains("duplicate block id 1"));
        assertTrue(refusal("""
            {"blocks": [{"id": 1, "type": "T", "module": "M"}],
             "edges": [{"id": 3, "block1": 1, "connector1": ["a", "output"], "block2": 1, "connector2": ["b", "input"]},
                       {"id": 3, "block1": 1, "connector1": ["a", "output"], "block2": 1, "connector2": ["b", "input"]}]}
            """).contains("duplicate edge id 3"));
        String outputToOutput = refusal("""
            {"blocks": [{"id": 1, "type": "T", "module": "M"}, {"id": 2, "type": "T", "module": "M"}],
             "edges": [{"id": 5, "block1": 1, "connector1": ["x", "output"], "block2": 2, "connector2": ["y", "output"]}]}
            """);
        assertTrue(outputToOutput.startsWith("edge 5") && outputToOutput.contains("output to an input"),
                outputToOutput);
        String inputToInput = refusal("""
            {"blocks": [{"id": 1, "type": "T", "module": "M"}, {"id": 2, "type": "T", "module": "M"}],
             "edges": [{"id": 6, "block1": 1, "connector1": ["x", "input"], "block2": 2, "connector2": ["y", "input"]}]}
            """);
        assertTrue(inputToInput.startsWith("edge 6 connects input 'x' of block 1 to input 'y' of block 2"),
                inputToInput);
        assertTrue(refusal("""
            {"blocks": [{"id": 1, "type": "T", "module": "M"}],
             "edges": [{"id": 5, "block1": 1, "connector1": "x", "block2": 2, "connector2": ["y", "input"]}]}
            """).startsWith("edge 5: 'connector1'"));
    }

    @Test
    void refusesWhatAJsonImplementationWouldReadInItsOwnWay() throws IOException {
        String seed = seed();
        assertTrue(refusal("[".repeat(10_000)).contains("more than 64 levels deep"));
        assertTrue(refusal("{\"a\":".repeat(65) + "1" + "}".repeat(65)).contains("more than 64 levels deep"));
        assertTrue(refusal("{\"blocks\": [], \"blocks\": []}")
                .startsWith("workflow has the key 'blocks' twice in one object (line 1, column "));
        assertTrue(refusal(seed.replaceFirst("\"id\": 1,", "\"id\": 1, \"id\": 5,")).contains("key 'id' twice"));
        assertTrue(refusal(seed + " trailing").startsWith("workflow is not valid JSON"));
        assertTrue(refusal(seed + "}").startsWith("workflow is not valid JSON"));
        assertEquals("workflow is not valid JSON, or holds a number too long to read",
                refusal("{\"blocks\": [{\"id\": 1" + "0".repeat(5000) + "}]}"));
        // the same key in two objects is no duplicate
        assertEquals(3, parse(seed).blocks().size());
    }

    @Test
    void positionsAreNumbersWhenGiven() {
        assertEquals("block 1: 'x' must be a number (its position in the designer)",
                refusal("{\"blocks\": [{\"id\": 1, \"x\": \"left\", \"type\": \"T\", \"module\": \"M\"}]}"));
        assertEquals("block 1: 'y' must be a number (its position in the designer)",
                refusal("{\"blocks\": [{\"id\": 1, \"y\": 1e400, \"type\": \"T\", \"module\": \"M\"}]}"));
        assertEquals(1, parse("{\"blocks\": [{\"id\": 1, \"x\": -0, \"type\": \"T\", \"module\": \"M\"}]}")
                .blocks().size());
    }

    @Test
    void quotesAHugeNameByItsStartAndLength() {
        String error = refusal("{\"blocks\": [{\"id\": 1, \"type\": \"T\", \"module\": \"M\"}], \"edges\": [{\"id\": 1,"
                + " \"block1\": 1, \"connector1\": [\"" + "x".repeat(1 << 20) + "\", \"output\"], \"block2\": 1,"
                + " \"connector2\": [\"a\", \"output\"]}]}");
        assertTrue(error.length() < 400 && error.contains("(1048576 characters)"), error);
    }
}
