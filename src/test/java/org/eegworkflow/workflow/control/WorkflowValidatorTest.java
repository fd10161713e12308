package org.eegworkflow.workflow.control;

import java.util.List;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkflowValidatorTest {
    private static final String M = "Arithmetic.zip:Arithmetic";
    private BlockRegistry registry;

    @BlockType(name = "Greeting")
    public static class Greeting {
        @BlockOutput(name = "text", type = Types.STRING)
        String text;

        @BlockExecute
        public void execute() {
            text = "hello";
        }
    }

    @BlockType(name = "Sum")
    public static class Sum {
        @BlockInput(name = "numbers", type = Types.NUMBER_ARRAY, cardinality = "1-*")
        List<Object> numbers;

        @BlockOutput(name = "sum", type = Types.NUMBER)
        double sum;

        @BlockExecute
        public void execute() {
            sum = numbers.stream().mapToDouble(n -> ((Number) n).doubleValue()).sum();
        }
    }

    @BeforeEach
    void registry() {
        registry = new BlockRegistry();
        registry.registerBuiltIns();
        registry.register("Test.jar:Test", List.of(Greeting.class, Sum.class));
    }

    private String refusal(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WorkflowValidator.validate(WorkflowParserTest.parse(json), registry));
        return e.getMessage();
    }

    private static String block(int id, String type, String module) {
        return "{\"id\": " + id + ", \"type\": \"" + type + "\", \"module\": \"" + module + "\"}";
    }

    private static String edge(int id, int from, String output, int to, String input) {
        return "{\"id\": " + id + ", \"block1\": " + from + ", \"connector1\": [\"" + output + "\", \"output\"], "
                + "\"block2\": " + to + ", \"connector2\": [\"" + input + "\", \"input\"]}";
    }

    private static String workflow(List<String> blocks, List<String> edges) {
        return "{\"blocks\": [" + String.join(",", blocks) + "], \"edges\": [" + String.join(",", edges) + "]}";
    }

    @Test
    void acceptsTheSeedExample() throws Exception {
        assertEquals(3, WorkflowValidator.validate(WorkflowParserTest.parse(WorkflowParserTest.seed()), registry)
                .size());
    }

    @Test
    void namesUnknownModulesAndBlockTypes() {
        assertEquals("block 1: unknown module 'Nope.zip:Nope'",
                refusal(workflow(List.of(block(1, "Constant", "Nope.zip:Nope")), List.of())));
        assertEquals("block 2: module '" + M + "' has no block type 'Power'",
                refusal(workflow(List.of(block(1, "Constant", M), block(2, "Power", M)), List.of())));
    }

    @Test
    void namesUnknownBlocksAndConnectorsOfEdges() {
        assertEquals("edge 9: block 5 does not exist", refusal(workflow(
                List.of(block(1, "Constant", M)), List.of(edge(9, 1, "output", 5, "num1")))));
        assertEquals("edge 9: block 1 (Constant) has no output 'result'", refusal(workflow(
                List.of(block(1, "Constant", M), block(2, "Addition", M)), List.of(edge(9, 1, "result", 2, "num1")))));
        assertEquals("edge 9: block 2 (Addition) has no input 'num3'", refusal(workflow(
                List.of(block(1, "Constant", M), block(2, "Addition", M)), List.of(edge(9, 1, "output", 2, "num3")))));
    }

    @Test
    void refusesTypeMismatches() {
        assertEquals("edge 4: output 'text' of block 1 is STRING but input 'num1' of block 2 takes NUMBER",
                refusal(workflow(List.of(block(1, "Greeting", "Test.jar:Test"), block(2, "Addition", M)),
                        List.of(edge(4, 1, "text", 2, "num1")))));
    }

    @Test
    void refusesTooManyAndTooFewConnections() {
        assertEquals("edge 2: input 'num1' of block 3 accepts at most 1 connection (cardinality 1-1)",
                refusal(workflow(List.of(block(1, "Constant", M), block(2, "Constant", M), block(3, "Addition", M)),
                        List.of(edge(1, 1, "output", 3, "num1"), edge(2, 2, "output", 3, "num1")))));
        assertEquals("block 3 (Addition): input 'num2' needs a connection but has 0",
                refusal(workflow(List.of(block(1, "Constant", M), block(3, "Addition", M)),
                        List.of(edge(1, 1, "output", 3, "num1")))));
    }

    @Test
    void anArrayInputTakesManyValuesOfItsElementType() {
        String json = workflow(List.of(block(1, "Constant", M), block(2, "Constant", M),
                        block(3, "Sum", "Test.jar:Test")),
                List.of(edge(1, 1, "output", 3, "numbers"), edge(2, 2, "output", 3, "numbers")));
        assertEquals(3, WorkflowValidator.validate(WorkflowParserTest.parse(json), registry).size());
    }

    @Test
    void severalAveragesFeedTheGrandAverage() {
        String eeg = "EEG_Basil.zip:EEG_Basil";
        String json = workflow(List.of(block(1, "OfflineDataProvider", eeg), block(2, "EpochExtraction", eeg),
                        block(3, "EpochAveraging", eeg), block(4, "EpochAveraging", eeg),
                        block(5, "GrandAverage", eeg), block(6, "Export", eeg)),
                List.of(edge(1, 1, "EEGData", 2, "EEGData"), edge(2, 2, "Epochs", 3, "Epochs"),
                        edge(3, 2, "Epochs", 4, "Epochs"), edge(4, 3, "Epochs", 5, "Epochs"),
                        edge(5, 4, "Epochs", 5, "Epochs"), edge(6, 5, "Epochs", 6, "Epochs")));
        assertEquals(6, WorkflowValidator.validate(WorkflowParserTest.parse(json), registry).size());
    }

    @Test
    void namesTheBlocksOfACycle() {
        String message = refusal(workflow(
                List.of(block(1, "Constant", M), block(2, "Addition", M), block(3, "Addition", M)),
                List.of(edge(1, 1, "output", 2, "num1"), edge(2, 3, "output", 2, "num2"),
                        edge(3, 2, "output", 3, "num1"), edge(4, 1, "output", 3, "num2"))));
        assertEquals(true, message.startsWith("the workflow has a cycle: blocks "), message);
        assertEquals(true, message.contains("2 -> 3") || message.contains("3 -> 2"), message);
    }

    @Test
    void refusesASelfLoop() {
        assertEquals("edge 1 connects block 2 to itself: cycle 2 -> 2", refusal(workflow(
                List.of(block(1, "Constant", M), block(2, "Addition", M)),
                List.of(edge(1, 2, "output", 2, "num1"), edge(2, 1, "output", 2, "num2")))));
    }

    @Test
    void refusesPropertyValuesThatDoNotParse() {
        assertEquals("block 1 (Constant): property 'constant value' must be a number (NUMBER), got 'forty'",
                refusal("{\"blocks\": [{\"id\": 1, \"type\": \"Constant\", \"module\": \"" + M
                        + "\", \"values\": {\"constant value\": \"forty\"}}]}"));
        assertEquals("block 1 (Constant) has no property 'colour'",
                refusal("{\"blocks\": [{\"id\": 1, \"type\": \"Constant\", \"module\": \"" + M
                        + "\", \"values\": {\"colour\": \"red\"}}]}"));
    }
}
