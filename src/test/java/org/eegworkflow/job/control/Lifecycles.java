package org.eegworkflow.job.control;

import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;

/** A lifecycle wired by hand, for tests of the engine without a container (here and in the batch package). */
public final class Lifecycles {
    private Lifecycles() {
    }

    public static JobLifecycle of(JobRows rows, JobDispatcher dispatcher, WorkflowRuns runs, JobEvents events,
            DatabaseRetry retry, Settings settings, JobLauncher launcher) {
        JobLifecycle lifecycle = new JobLifecycle();
        lifecycle.rows = rows;
        lifecycle.dispatcher = dispatcher;
        lifecycle.runs = runs;
        lifecycle.plans = runs.plans != null ? runs.plans : new WorkflowPlans();
        lifecycle.events = events;
        lifecycle.retry = retry;
        lifecycle.settings = settings;
        lifecycle.launcher = launcher;
        return lifecycle;
    }

    /** Ends the run of a running job as the reducer would. */
    public static void finish(JobLifecycle lifecycle, long rowId, boolean stopped, String noRunError) {
        lifecycle.finish(rowId, stopped, noRunError);
    }
}
