package org.eegworkflow.job.control.run;


/** The run side of the engine wired by hand, for tests of other packages (the lifecycle, the batch artifacts). */
public final class Runs {
    private Runs() {
    }

    /** The runs of a server, with a plan cache of their own. */
    public static WorkflowRuns runs() {
        WorkflowRuns runs = new WorkflowRuns();
        runs.plans = new WorkflowPlans();
        return runs;
    }

    /** The plan cache those runs use. */
    public static WorkflowPlans plans(WorkflowRuns runs) {
        return runs.plans;
    }

    /** A run opened by a test, as the engine's parts find it. */
    public static void add(WorkflowRuns runs, WorkflowRun run) {
        runs.add(run);
    }
}
