package org.eegworkflow.job.control.run;

import java.lang.reflect.Field;

import org.eegworkflow.block.control.BlockCatalog;
import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.workflow.control.WorkflowPlan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowPlansTest {
    private static final String M = "Arithmetic.zip:Arithmetic";
    private static final String WORKFLOW = "{\"blocks\": [{\"id\": 1, \"type\": \"Constant\", \"module\": \"" + M
            + "\"}], \"edges\": []}";

    private final WorkflowPlans plans = new WorkflowPlans();
    private final BlockRegistry registry = registry();

    private static BlockRegistry registry() {
        BlockRegistry registry = new BlockRegistry();
        registry.registerBuiltIns();
        return registry;
    }

    private static Job job(long id, String workflow) throws Exception {
        Job job = new Job(1, workflow, "{}", java.time.Instant.now(), "node-a");
        Field field = Job.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(job, id);
        return job;
    }

    @Test
    void theScheduledPlanIsTheOneTheRunUses() throws Exception {
        WorkflowPlan scheduled = WorkflowPlan.compile(WORKFLOW, 10, registry);
        plans.put(7, scheduled);
        // a catalog that still has the module but whose block types are never asked: the plan is not compiled again
        assertSame(scheduled, plans.of(job(7, scheduled.text()), modulesOnly()));
        assertSame(scheduled.json(), plans.json(job(7, scheduled.text())));
    }

    @Test
    void aJobScheduledElsewhereIsCompiledOnceFromItsStoredForm() throws Exception {
        WorkflowPlan scheduled = WorkflowPlan.compile(WORKFLOW, 10, registry);
        Job job = job(8, scheduled.text());
        WorkflowPlan first = plans.of(job, registry);
        assertNotSame(scheduled, first);
        assertEquals(scheduled, first);
        assertSame(first, plans.of(job, modulesOnly()), "compiled once, then reused");
        plans.evict(8);
        assertEquals(scheduled.json(), plans.json(job), "the views read the stored JSON once the plan is gone");
        assertNotSame(first, plans.of(job, registry));
    }

    @Test
    void aModuleDeletedSinceTheJobWasScheduledIsFoundBeforeItRuns() throws Exception {
        WorkflowPlan scheduled = WorkflowPlan.compile(WORKFLOW, 10, registry);
        plans.put(6, scheduled);
        CannotRunException e = assertThrows(CannotRunException.class,
                () -> plans.of(job(6, scheduled.text()), new BlockRegistry()));
        assertEquals("the workflow cannot run: block 1: unknown module '" + M + "'", e.getMessage());
    }

    /** Knows the module, and fails the test if the plan's block types are looked up (compiled) again. */
    private static BlockCatalog modulesOnly() {
        return new BlockCatalog() {
            @Override
            public boolean hasModule(String module) {
                return M.equals(module);
            }

            @Override
            public java.util.Optional<BlockSpec> find(String module, String type) {
                throw new AssertionError("compiled again: " + type);
            }
        };
    }

    @Test
    void aStoredWorkflowThatNoLongerCompilesCannotRunAndIsNotABadRequest() throws Exception {
        Job job = job(9, WORKFLOW);
        CannotRunException e = assertThrows(CannotRunException.class, () -> plans.of(job, new BlockRegistry()));
        assertEquals("the workflow cannot run: block 1: unknown module '" + M + "'", e.getMessage());
        assertEquals(null, plans.cached(9), "nothing is kept for it");
    }

    @Test
    void isBounded() throws Exception {
        WorkflowPlan plan = WorkflowPlan.compile(WORKFLOW, 10, registry);
        for (long id = 1; id <= WorkflowPlans.CAPACITY + 10; id++) {
            plans.put(id, plan);
        }
        assertEquals(null, plans.cached(1), "the eldest made way");
        assertTrue(plans.cached(WorkflowPlans.CAPACITY + 10) != null);
    }
}
