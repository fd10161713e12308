package org.eegworkflow.job.control.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockDefinitionException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.run.MemoryNeed;
import org.eegworkflow.job.control.run.Runs;
import org.eegworkflow.job.control.run.WorkflowPlans;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.testblocks.Hungry;
import org.eegworkflow.testblocks.TestBlocksModule;
import org.eegworkflow.workflow.control.WorkflowParser;
import org.eegworkflow.workflow.control.WorkflowValidator;
import org.eegworkflow.workflow.entity.Workflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory admission: what a job needs, who runs, who waits and why, who can never run, and what frees memory. */
class MemoryAdmissionTest {
    private static final long BUDGET = 500;

    private final List<Long> launched = new ArrayList<>();
    private JobDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        dispatcher = new JobDispatcher();
        dispatcher.settings = new Settings() {
            @Override
            public long memoryBudgetMb() {
                return BUDGET;
            }
        };
        dispatcher.launcher = new JobLauncher() {
            @Override
            public long launch(long jobRowId) {
                launched.add(jobRowId);
                return 1000 + jobRowId;
            }
        };
        dispatcher.retry = new DatabaseRetry() {
            @Override
            public void later(Runnable task, Duration delay) {
                // nothing fails to start in these tests
            }
        };
    }

    @Test
    void jobsThatFitRunTogether() {
        assertTrue(dispatcher.admit(1, 11, 101, 200));
        assertTrue(dispatcher.admit(2, 12, 102, 200));
        assertEquals(400, dispatcher.reservedMb());
        assertNull(dispatcher.waitingReason(1), "running, not waiting");
    }

    @Test
    void aJobThatDoesNotFitWaitsWithTheReasonAndRunsWhenMemoryIsFreed() {
        assertTrue(dispatcher.admit(1, 11, 101, 200));
        assertTrue(dispatcher.admit(2, 12, 102, 200));
        assertFalse(dispatcher.admit(3, 13, 103, 200));
        assertEquals("for memory: needs about 200 MB, 100 MB free of the 500 MB the server gives jobs"
                + " (eegwf.memory.budget.mb)", dispatcher.waitingReason(3));
        dispatcher.release(1);
        assertEquals(List.of(3L), launched, "started once a running job ended");
        assertEquals("to start", dispatcher.waitingReason(3), "a place is reserved for its new execution");
        assertTrue(dispatcher.admit(3, 13, 203, 200), "its new execution holds the reserved memory");
        assertEquals(400, dispatcher.reservedMb());
    }

    @Test
    void aYoungerSmallJobDoesNotPassAnOlderOneWaitingForMemory() {
        assertTrue(dispatcher.admit(1, 11, 101, 400));
        assertFalse(dispatcher.admit(2, 12, 102, 300), "does not fit");
        assertFalse(dispatcher.admit(3, 13, 103, 50), "would fit, but an older job waits first");
        assertEquals("for its turn: 1 older job waits to start first", dispatcher.waitingReason(3));
        dispatcher.release(1);
        assertEquals(List.of(2L, 3L), launched, "oldest first, then the next that fits");
    }

    @Test
    void aStoppedWaitingJobLetsTheOnesBehindItGo() {
        assertTrue(dispatcher.admit(1, 11, 101, 400));
        assertFalse(dispatcher.admit(2, 12, 102, 300));
        assertFalse(dispatcher.admit(3, 13, 103, 50));
        assertTrue(dispatcher.withdraw(2), "stopped while it waited");
        assertEquals(List.of(3L), launched);
    }

    @Test
    void theOtherLimitsStillComeFirstAndSaySo() {
        for (long id = 1; id <= 4; id++) {
            assertTrue(dispatcher.admit(id, 10 + id, 100 + id, 10));
        }
        assertFalse(dispatcher.admit(5, 20, 105, 10));
        assertEquals("for a place: 4 jobs are running, as many as this server runs at once"
                + " (eegwf.jobs.max.running)", dispatcher.waitingReason(5));
        dispatcher.release(1);
        dispatcher.release(2);
        assertEquals(List.of(5L), launched);
        assertTrue(dispatcher.admit(6, 13, 106, 10), "its owner's second job");
        dispatcher.release(4);
        assertFalse(dispatcher.admit(7, 13, 107, 10));
        assertEquals("for your other jobs: 2 of yours are running, as many as one user runs at once"
                + " (eegwf.jobs.max.running.per.user)", dispatcher.waitingReason(7));
    }

    @Test
    void aJobThatNeedsMoreThanTheWholeBudgetCanNeverRun() {
        assertNull(dispatcher.neverFits(BUDGET));
        String never = dispatcher.neverFits(1300);
        assertTrue(never.startsWith("needs about 1.3 GB for one of its blocks; this server allows jobs 500 MB of its "),
                never);
        assertTrue(never.endsWith("heap (eegwf.memory.budget.mb, -Xmx), so it can never run here"), never);
    }

    @Test
    void memoryIsFreedWhenAJobEndsFailsOrIsStopped() {
        WorkflowRuns runs = Runs.runs();
        JobLifecycle completion = Lifecycles.of(new JobStore() {
            @Override
            public boolean finishIf(long jobId, org.eegworkflow.job.entity.JobStatus expected, String node,
                                    org.eegworkflow.job.entity.JobStatus status, String error, long nowMillis) {
                return true;
            }
        }, dispatcher, runs, new JobEvents(), dispatcher.retry, dispatcher.settings, dispatcher.launcher);
        completion.cannotRun(1, "its workflow cannot be read");
        assertTrue(dispatcher.admit(1, 11, 101, 300));
        assertTrue(dispatcher.admit(2, 12, 102, 200));
        completion.finish(1, false, "failed before its blocks ran");
        assertEquals(200, dispatcher.reservedMb(), "a failed job's memory is free");
        completion.finish(2, true, "stopped");
        assertEquals(0, dispatcher.reservedMb(), "a stopped job's memory is free");
    }

    @Test
    void aJobNeedsItsLargestBlocksAsManyAsRunAtOnceAndTheDefaultForTheRest() {
        BlockRegistry registry = new BlockRegistry();
        registry.registerBuiltIns();
        registry.register(new TestBlocksModule());
        String json = """
            {"blocks": [
              {"id": 1, "type": "Constant", "module": "Arithmetic.zip:Arithmetic"},
              {"id": 2, "type": "Hungry", "module": "%1$s"}, {"id": 3, "type": "Hungry", "module": "%1$s"},
              {"id": 4, "type": "Addition", "module": "Arithmetic.zip:Arithmetic"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["output", "output"], "block2": 2, "connector2": ["in", "input"]},
              {"id": 2, "block1": 1, "connector1": ["output", "output"], "block2": 3, "connector2": ["in", "input"]},
              {"id": 3, "block1": 2, "connector1": ["out", "output"], "block2": 4, "connector2": ["num1", "input"]},
              {"id": 4, "block1": 3, "connector1": ["out", "output"], "block2": 4, "connector2": ["num2", "input"]}]}
            """.formatted(TestBlocksModule.NAME);
        Workflow workflow = WorkflowParser.parse(WorkflowParser.readObject(json));
        Map<Integer, BlockSpec> specs = WorkflowValidator.validate(workflow, registry);
        MemoryNeed two = MemoryNeed.of(specs, 2, 32);
        assertEquals(Hungry.MB, two.largestMb());
        assertEquals(2 * Hungry.MB, two.peakMb());
        assertEquals(32, two.of(1), "a block that declares nothing");
        assertEquals(Hungry.MB + 32, MemoryNeed.of(specs, 3, 32).peakMb() - Hungry.MB);
        assertEquals(Hungry.MB, MemoryNeed.of(specs, 1, 32).peakMb(), "one at a time: its largest block");
        assertEquals(300, two.reserveMb(300), "never more than the budget");
    }

    @Test
    void aRunKeepsWithinItsReservationButAlwaysRunsOneBlock() throws InterruptedException {
        BlockRegistry registry = new BlockRegistry();
        registry.registerBuiltIns();
        registry.register(new TestBlocksModule());
        String json = """
            {"blocks": [
              {"id": 1, "type": "Hungry", "module": "%1$s"}, {"id": 2, "type": "Hungry", "module": "%1$s"},
              {"id": 3, "type": "Sleep", "module": "%1$s"}], "edges": []}
            """.formatted(TestBlocksModule.NAME);
        Workflow workflow = WorkflowParser.parse(WorkflowParser.readObject(json));
        Map<Integer, BlockSpec> specs = WorkflowValidator.validate(workflow, registry);
        WorkflowRun run = new WorkflowRun(1, workflow, specs);
        MemoryNeed need = MemoryNeed.of(specs, 3, 32);
        run.memory(need, Hungry.MB + 50);
        assertEquals(1, run.take());
        assertEquals(3, run.take(), "the small block fits beside the first, the second hungry one does not");
        run.completed(1, Map.of("out", 1.0));
        assertEquals(2, run.take(), "it fits once the first has ended");
        run.completed(3, Map.of("out", 1.0));
        run.completed(2, Map.of("out", 1.0));
        assertNull(run.take());
        assertTrue(run.isSettled());

        WorkflowRun tight = new WorkflowRun(2, workflow, specs);
        tight.memory(need, 10);
        assertEquals(1, tight.take(), "a block always runs, even one larger than the reservation");
    }

    @BlockType(name = "Negative", memoryMb = -1)
    public static class Negative {
        @BlockExecute
        public void run() {
        }
    }

    @Test
    void aBlockDeclaresItsNeedOnItsType() {
        assertEquals(Hungry.MB, BlockIntrospector.describe("m", Hungry.class).memoryMb());
        assertEquals(0, BlockIntrospector.describe("m", org.eegworkflow.testblocks.Sleep.class).memoryMb());
        BlockDefinitionException refused = assertThrows(BlockDefinitionException.class,
                () -> BlockIntrospector.describe("m", Negative.class));
        assertTrue(refused.getMessage().contains("memoryMb = -1) is negative"), refused.getMessage());
    }
}
