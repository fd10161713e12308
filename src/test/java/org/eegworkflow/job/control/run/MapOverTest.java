package org.eegworkflow.job.control.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.blocks.arithmetic.ArithmeticModule;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.testblocks.TestBlocksModule;
import org.eegworkflow.workflow.control.WorkflowPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Map over, without a container: a collection's elements run a mapped block each, side by side; a block that gathers
 * the collection sees every element's value; an element that fails fails only itself and the same element
 * downstream, and the gathering block does not run; a restart runs only the element that failed.
 */
class MapOverTest {
    private static final String T = TestBlocksModule.NAME;
    private static final String A = ArithmeticModule.NAME;

    @TempDir
    Path data;

    private Map<Integer, BlockRun> results;
    private List<ElementRun> elements;
    private List<String> events;
    private BlockRegistry registry;
    private HandWiredEngine engine;

    @BeforeEach
    void setUp() {
        engine = new HandWiredEngine(data, new TestBlocksModule());
        results = engine.results;
        elements = engine.elements;
        events = engine.events;
        registry = engine.registry;
    }

    /** Split (a=1, b=2, c=3) -> FlakyOn (block 2) -> Addition with a constant 10 (block 4) -> Total (block 5). */
    private WorkflowPlan study(String flakyValues) {
        String json = """
            {"blocks": [
              {"id": 1, "type": "Split", "module": "%1$s", "values": {"elements": "a=1, b=2, c=3"}},
              {"id": 2, "type": "FlakyOn", "module": "%1$s", "values": {%3$s}},
              {"id": 3, "type": "Constant", "module": "%2$s", "values": {"constant value": "10"}},
              {"id": 4, "type": "Addition", "module": "%2$s"},
              {"id": 5, "type": "Total", "module": "%1$s"},
              {"id": 6, "type": "Keyed", "module": "%1$s"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["numbers", "output"], "block2": 2, "connector2": ["in", "input"]},
              {"id": 2, "block1": 2, "connector1": ["out", "output"], "block2": 4, "connector2": ["num1", "input"]},
              {"id": 3, "block1": 3, "connector1": ["output", "output"], "block2": 4, "connector2": ["num2", "input"]},
              {"id": 4, "block1": 4, "connector1": ["output", "output"], "block2": 5, "connector2": ["values", "input"]},
              {"id": 5, "block1": 4, "connector1": ["output", "output"], "block2": 6, "connector2": ["values", "input"]}
             ]}
            """.formatted(T, A, flakyValues);
        return WorkflowPlan.compile(json, 100, registry);
    }

    private void runToTheEnd(WorkflowRun run) throws Exception {
        engine.runToTheEnd(run);
    }

    private WorkflowRun open(long rowId, WorkflowPlan plan, Map<Integer, Map<String, Object>> reused, int attempt)
            throws Exception {
        return engine.open(rowId, plan, reused, attempt);
    }

    @Test
    void theMappedBlocksRunOncePerElementAndTheGatheringBlockSeesTheWholeCollection() throws Exception {
        WorkflowPlan plan = study("");
        assertTrue(plan.mapping().isMapped(2) && plan.mapping().isMapped(4), plan.mapping().mapped().toString());
        assertFalse(plan.mapping().isMapped(3) || plan.mapping().isMapped(5) || plan.mapping().isMapped(6));
        assertFalse(plan.oneAtATime(), "elements run side by side");
        WorkflowRun run = open(1, plan, Map.of(), 1);
        runToTheEnd(run);

        assertFalse(run.hasFailures(), run.firstFailure());
        assertEquals("total of 3: 42.0", results.get(5).getOutputValue(), "(2 + 10) + (4 + 10) + (6 + 10)");
        assertEquals("a{subject=a}=12.0; b{subject=b}=14.0; c{subject=c}=16.0", results.get(6).getOutputValue());
        assertEquals("3 of 3 elements completed", results.get(2).getOutputValue());
        assertEquals(BlockStatus.COMPLETED, results.get(4).getStatus());
        assertEquals(6, elements.size(), "three elements of blocks 2 and 4: " + elements);
        for (ElementRun element : elements) {
            assertEquals(BlockStatus.COMPLETED, element.getStatus());
        }
        ElementRun b = elements.stream().filter(e -> e.getBlockId() == 2 && e.getElementKey().equals("b"))
                .findFirst().orElseThrow();
        assertEquals("doubled 2.0", b.getOutputValue());
        assertEquals("ran for 2.0\n", b.getStdout(), "each element has its own stdout");
        assertTrue(events.contains("element"), events.toString());
    }

    @Test
    void aFailedElementFailsOnlyItselfDownstreamAndARestartRunsOnlyIt() throws Exception {
        WorkflowPlan plan = study("\"fail on\": \"2\"");
        WorkflowRun first = open(2, plan, Map.of(), 1);
        runToTheEnd(first);

        assertTrue(first.hasFailures());
        assertTrue(first.firstFailure().startsWith("block 2 (FlakyOn), element b: failing on purpose for value 2.0"),
                first.firstFailure());
        assertEquals(BlockStatus.FAILED, results.get(2).getStatus());
        assertEquals("2 of 3 elements completed, 1 failed", results.get(2).getOutputValue());
        assertEquals("b: failing on purpose for value 2.0, the first time only", results.get(2).getStderr());
        ElementRun notRun = elements.stream().filter(e -> e.getBlockId() == 4 && e.getElementKey().equals("b"))
                .findFirst().orElseThrow();
        assertEquals("not run: upstream block 2 failed for this element", notRun.getStderr());
        assertEquals(2, elements.stream().filter(e -> e.getBlockId() == 4
                && e.getStatus() == BlockStatus.COMPLETED).count(), "a and c went on downstream");
        assertEquals(BlockStatus.FAILED, results.get(5).getStatus());
        assertEquals("not run: 1 element it gathers failed upstream (b)", results.get(5).getStderr());
        assertEquals(BlockStatus.FAILED, results.get(6).getStatus());

        // the restart, as WorkflowRuns.open makes it: completed blocks and completed elements are reused
        Path dir = data.resolve("checkpoints-2");
        first.closeCheckpoints();
        Map<Integer, Map<String, Object>> reused = new java.util.HashMap<>(Checkpoints.read(dir, plan.specs(),
                registry::codec));
        reused.keySet().retainAll(List.of(1, 3));
        assertEquals(java.util.Set.of(1, 3), reused.keySet(), "the collection and the constant are checkpointed");
        Map<Integer, Map<String, Map<String, Object>>> done = Checkpoints.readElements(dir, plan.specs(),
                registry::codec);
        // the elements run side by side, so the log has them in the order they ended
        assertEquals(java.util.Set.of("a", "c"), done.get(2).keySet());
        elements.clear();
        results.clear();
        WorkflowRun again = open(2, plan, reused, 2);
        again.reusedElements(done);
        runToTheEnd(again);

        assertFalse(again.hasFailures(), again.firstFailure());
        assertEquals("total of 3: 42.0", results.get(5).getOutputValue());
        assertEquals("3 of 3 elements completed (2 reused from an earlier attempt)", results.get(2).getOutputValue());
        List<String> ranAgain = elements.stream().filter(e -> e.getBlockId() == 2).map(ElementRun::getElementKey)
                .toList();
        assertEquals(List.of("b"), ranAgain, "only the failed element of block 2 ran again");
        assertEquals(List.of("2 b 2", "4 b 2"), elements.stream().map(e -> e.getBlockId() + " " + e.getElementKey()
                + " " + e.getAttempt()).sorted().toList(), "element b of blocks 2 and 4 ran in attempt 2, no other");
        assertNull(results.get(1), "the collection was reused, not made again");
    }

    @Test
    void anElementTheCollectionCouldNotMakeFailsOnlyItsChain() throws Exception {
        String json = """
            {"blocks": [
              {"id": 1, "type": "Split", "module": "%1$s", "values": {"elements": "a=1, b=2, c=3", "unmade": "b"}},
              {"id": 2, "type": "FlakyOn", "module": "%1$s"},
              {"id": 5, "type": "Total", "module": "%1$s"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["numbers", "output"], "block2": 2, "connector2": ["in", "input"]},
              {"id": 2, "block1": 2, "connector1": ["out", "output"], "block2": 5, "connector2": ["values", "input"]}
             ]}
            """.formatted(T);
        WorkflowRun run = open(3, WorkflowPlan.compile(json, 100, registry), Map.of(), 1);
        runToTheEnd(run);
        assertEquals("block 1 (Split), element b: cannot read it, on purpose", run.firstFailure());
        assertEquals(BlockStatus.FAILED, results.get(1).getStatus());
        assertEquals("b: cannot read it, on purpose", results.get(1).getStderr());
        assertEquals(List.of("1 a COMPLETED", "1 b FAILED", "1 c COMPLETED", "2 a COMPLETED", "2 b FAILED",
                "2 c COMPLETED"), elements.stream().map(e -> e.getBlockId() + " " + e.getElementKey() + " "
                + e.getStatus()).sorted().toList());
        assertEquals("not run: 1 element it gathers failed upstream (b)", results.get(5).getStderr());
    }

    @Test
    void inputsFromTwoCollectionsAreRefusedWithTheReason() {
        String json = """
            {"blocks": [
              {"id": 1, "type": "Split", "module": "%1$s"},
              {"id": 2, "type": "Split", "module": "%1$s"},
              {"id": 3, "type": "Addition", "module": "%2$s"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["numbers", "output"], "block2": 3, "connector2": ["num1", "input"]},
              {"id": 2, "block1": 2, "connector1": ["numbers", "output"], "block2": 3, "connector2": ["num2", "input"]}
             ]}
            """.formatted(T, A);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> WorkflowPlan.compile(json, 100, registry));
        assertEquals("block 3 (Addition) is fed by collections of different blocks (input 'num1' from block 1,"
                + " input 'num2' from block 2): a block run once per element pairs its inputs by key, so they must"
                + " come from one collection", refused.getMessage());
    }
}
