package org.eegworkflow.job.control.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.control.WorkflowValidator;
import org.eegworkflow.workflow.entity.Workflow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowRunTest {
    private static final String M = "Arithmetic.zip:Arithmetic";

    /** 1 and 2 feed 3; 3 feeds 4 and 5 (both with 1); 6 stands alone. */
    private static WorkflowRun run() {
        String json = """
            {"blocks": [
              {"id": 1, "type": "Constant", "module": "%1$s"}, {"id": 2, "type": "Constant", "module": "%1$s"},
              {"id": 3, "type": "Addition", "module": "%1$s"}, {"id": 4, "type": "Division", "module": "%1$s"},
              {"id": 5, "type": "Multiplication", "module": "%1$s"}, {"id": 6, "type": "Constant", "module": "%1$s"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["output", "output"], "block2": 3, "connector2": ["num1", "input"]},
              {"id": 2, "block1": 2, "connector1": ["output", "output"], "block2": 3, "connector2": ["num2", "input"]},
              {"id": 3, "block1": 3, "connector1": ["output", "output"], "block2": 4, "connector2": ["num1", "input"]},
              {"id": 4, "block1": 1, "connector1": ["output", "output"], "block2": 4, "connector2": ["num2", "input"]},
              {"id": 5, "block1": 3, "connector1": ["output", "output"], "block2": 5, "connector2": ["num1", "input"]},
              {"id": 6, "block1": 1, "connector1": ["output", "output"], "block2": 5, "connector2": ["num2", "input"]}]}
            """.formatted(M);
        Workflow workflow = WorkflowParser.parse(WorkflowParser.readObject(json));
        BlockRegistry registry = new BlockRegistry();
        registry.registerBuiltIns();
        Map<Integer, BlockSpec> specs = WorkflowValidator.validate(workflow, registry);
        return new WorkflowRun(1, workflow, specs);
    }

    @Test
    void blocksBecomeReadyWhenEverythingFeedingThemHasCompleted() throws InterruptedException {
        WorkflowRun run = run();
        List<Integer> first = new ArrayList<>(List.of(run.take(), run.take(), run.take()));
        assertEquals(List.of(1, 2, 6), first);
        run.completed(1, Map.of("output", 4.0));
        run.completed(6, Map.of("output", 1.0));
        run.completed(2, Map.of("output", 6.0));
        assertEquals(3, run.take());
        assertEquals(Map.of("num1", List.of(4.0), "num2", List.of(6.0)), run.inputsOf(3));
        run.completed(3, Map.of("output", 10.0));
        assertEquals(List.of(4, 5), List.of(run.take(), run.take()));
        run.completed(4, Map.of("output", 2.5));
        run.completed(5, Map.of("output", 40.0));
        assertNull(run.take(), "nothing left");
        assertTrue(run.isSettled());
        assertFalse(run.hasFailures());
    }

    @Test
    void aFailureSettlesWhatDependsOnItAndNothingElse() throws InterruptedException {
        WorkflowRun run = run();
        assertEquals(1, run.take());
        assertEquals(List.of(3, 4, 5), run.failed(1).stream().sorted().toList());
        assertEquals(List.of(2, 6), List.of(run.take(), run.take()), "independent blocks still run");
        run.completed(2, Map.of("output", 1.0));
        run.completed(6, Map.of("output", 1.0));
        assertNull(run.take());
        assertTrue(run.isSettled());
        assertTrue(run.hasFailures());
    }

    @Test
    void aStoppedRunHandsOutNothingMore() throws InterruptedException {
        WorkflowRun run = run();
        run.cancel();
        assertNull(run.take());
        assertTrue(run.isCancelled());
    }
}
