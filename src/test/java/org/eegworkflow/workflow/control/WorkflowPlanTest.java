package org.eegworkflow.workflow.control;

import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.platform.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowPlanTest {
    private static final String M = "Arithmetic.zip:Arithmetic";
    private BlockRegistry registry;

    @BeforeEach
    void registry() {
        registry = new BlockRegistry();
        registry.registerBuiltIns();
    }

    /** Block 3 adds 1 and 2, listed first so the dependency order differs from the JSON's. */
    private static final String CHAIN = "{\"workflow\": {\"blocks\": ["
            + "{\"id\": 3, \"type\": \"Addition\", \"module\": \"" + M + "\"},"
            + "{\"id\": 1, \"type\": \"Constant\", \"module\": \"" + M + "\", \"values\": {\"constant value\": 2}},"
            + "{\"id\": 2, \"type\": \"Constant\", \"module\": \"" + M + "\", \"x\": 1.50}],"
            + "\"edges\": [{\"id\": 1, \"block1\": 1, \"connector1\": [\"output\", \"output\"], \"block2\": 3,"
            + " \"connector2\": [\"num1\", \"input\"]},"
            + "{\"id\": 2, \"block1\": 3, \"connector1\": [\"num2\", \"input\"], \"block2\": 2,"
            + " \"connector2\": [\"output\", \"output\"]}]}}";

    @Test
    void compilesBlocksInDependencyOrderWithTheirTypes() {
        WorkflowPlan plan = WorkflowPlan.compile(CHAIN, 10, registry);
        assertEquals(List.of(1, 2, 3), plan.order());
        assertEquals(List.of(3, 1, 2), List.copyOf(plan.specs().keySet()), "the JSON's order, as the views list it");
        assertEquals("Addition", plan.spec(3).name());
        assertEquals(Map.of("constant value", "2"), plan.workflow().block(1).values());
        assertEquals(Set2.of(1, 2), plan.dag().upstreamOf(3));
        // the stored form is the unwrapped object, numbers as the client wrote them
        assertTrue(plan.text().startsWith("{\"blocks\":[{\"id\":3,"), plan.text());
        assertTrue(plan.text().contains("\"x\":1.50"), plan.text());
    }

    @Test
    void aChainRunsOneBlockAtATimeAndAnythingWiderDoesNot() {
        // CHAIN's two constants do not depend on each other: they may run at once
        assertEquals(false, WorkflowPlan.compile(CHAIN, 10, registry).oneAtATime());
        String line = "{\"blocks\": ["
                + "{\"id\": 1, \"type\": \"Constant\", \"module\": \"" + M + "\"},"
                + "{\"id\": 2, \"type\": \"Addition\", \"module\": \"" + M + "\"},"
                + "{\"id\": 3, \"type\": \"Addition\", \"module\": \"" + M + "\"}],"
                + "\"edges\": [" + edge(1, 1, 2, "num1") + "," + edge(2, 1, 2, "num2") + ","
                + edge(3, 2, 3, "num1") + "," + edge(4, 1, 3, "num2") + "]}";
        assertTrue(WorkflowPlan.compile(line, 10, registry).oneAtATime(), "1 -> 2 -> 3, and 1 -> 3 besides");
        String forked = line.replace(edge(3, 2, 3, "num1"), edge(3, 1, 3, "num1"));
        assertEquals(false, WorkflowPlan.compile(forked, 10, registry).oneAtATime(), "2 and 3 both wait only for 1");
    }

    private static String edge(int id, int from, int to, String input) {
        return "{\"id\": " + id + ", \"block1\": " + from + ", \"connector1\": [\"output\", \"output\"], \"block2\": "
                + to + ", \"connector2\": [\"" + input + "\", \"input\"]}";
    }

    @Test
    void isImmutable() {
        WorkflowPlan plan = WorkflowPlan.compile(CHAIN, 10, registry);
        assertThrows(UnsupportedOperationException.class, () -> plan.specs().remove(1));
        assertThrows(UnsupportedOperationException.class, () -> plan.order().add(4));
        assertThrows(UnsupportedOperationException.class, () -> plan.workflow().blocks().remove(1));
        assertThrows(UnsupportedOperationException.class,
                () -> plan.workflow().block(1).values().put("constant value", "9"));
        assertThrows(UnsupportedOperationException.class, () -> plan.dag().downstreamOf(1).add(2));
        assertThrows(UnsupportedOperationException.class, () -> plan.dag().upstreamOf(3).clear());
        assertThrows(UnsupportedOperationException.class, () -> plan.json().remove("blocks"));
    }

    @Test
    void compiledFromItsStoredFormEqualsTheScheduledOne() {
        WorkflowPlan scheduled = WorkflowPlan.read(CHAIN, 10).compile(registry);
        WorkflowPlan stored = WorkflowPlan.compile(scheduled.text(), Integer.MAX_VALUE, registry);
        assertEquals(scheduled, stored);
        assertEquals(scheduled.hashCode(), stored.hashCode());
        assertEquals(scheduled.text(), stored.text());
        assertEquals(scheduled.json(), stored.json());
        assertEquals(scheduled.order(), stored.order());
        assertNotEquals(scheduled, WorkflowPlan.compile(
                scheduled.text().replace("\"constant value\":2", "\"constant value\":3"), 10, registry));
    }

    @Test
    void refusesWhatScheduleRefusedWithTheSameMessages() {
        assertEquals("workflow has 3 blocks, more than the limit of 2 (setting eegwf.workflow.max.blocks)",
                refusal(() -> WorkflowPlan.read(CHAIN, 2)));
        assertEquals("block 1: unknown module 'Nope.zip:Nope'", refusal(() -> WorkflowPlan.compile(
                "{\"blocks\": [{\"id\": 1, \"type\": \"Constant\", \"module\": \"Nope.zip:Nope\"}]}", 10, registry)));
        assertEquals("workflow is not valid JSON (line 1, column 2)",
                refusal(() -> WorkflowPlan.compile("{]", 10, registry)).replaceAll("column \\d+", "column 2"));
        assertEquals("block 3 (Addition): input 'num2' needs a connection but has 0", refusal(() -> WorkflowPlan
                .compile(CHAIN.replaceAll(",\\{\"id\": 2, \"block1\": 3.*\\}\\]\\}\\}$", "]}}"), 10, registry)));
        // the limit is checked before any module is looked up
        assertEquals("workflow has 3 blocks, more than the limit of 2 (setting eegwf.workflow.max.blocks)",
                refusal(() -> WorkflowPlan.compile(CHAIN.replace(M, "Nope.zip:Nope"), 2, null)));
    }

    @Test
    void aCycleIsRefusedBeforeAPlanExists() {
        String cycle = CHAIN.replace("\"block1\": 3, \"connector1\": [\"num2\", \"input\"], \"block2\": 2",
                "\"block1\": 3, \"connector1\": [\"num2\", \"input\"], \"block2\": 3");
        String message = refusal(() -> WorkflowPlan.compile(cycle, 10, registry));
        assertTrue(message.contains("block 3"), message);
    }

    private static String refusal(Runnable compile) {
        InvalidInputException e = assertThrows(InvalidInputException.class, compile::run);
        return e.getMessage();
    }

    /** Set.of, named apart from the JUnit imports. */
    private static final class Set2 {
        static java.util.Set<Integer> of(Integer... values) {
            return java.util.Set.of(values);
        }
    }
}
