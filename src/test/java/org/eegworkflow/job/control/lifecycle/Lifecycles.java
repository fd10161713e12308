package org.eegworkflow.job.control.lifecycle;

import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.run.Runs;
import org.eegworkflow.job.control.run.WorkflowPlans;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.control.store.JobRows;
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
        // a test's own WorkflowRuns subclass may have none
        lifecycle.plans = Runs.plans(runs) != null ? Runs.plans(runs) : new WorkflowPlans();
        lifecycle.events = events;
        lifecycle.retry = retry;
        lifecycle.settings = settings;
        lifecycle.launcher = launcher;
        return lifecycle;
    }

    /** One round of the watchdog. */
    public static void watch(JobLifecycle lifecycle) {
        lifecycle.watch();
    }

    /** Ends the run of a running job as the reducer would. */
    public static void finish(JobLifecycle lifecycle, long rowId, boolean stopped, String noRunError) {
        lifecycle.finish(rowId, stopped, noRunError);
    }
}
