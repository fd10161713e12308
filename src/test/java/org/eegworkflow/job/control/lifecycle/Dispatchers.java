package org.eegworkflow.job.control.lifecycle;

import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;

/** A dispatcher wired by hand, for tests of other packages (the batch artifacts). */
public final class Dispatchers {
    private Dispatchers() {
    }

    public static JobDispatcher of(Settings settings, JobLauncher launcher, DatabaseRetry retry) {
        JobDispatcher dispatcher = new JobDispatcher();
        dispatcher.settings = settings;
        dispatcher.launcher = launcher;
        dispatcher.retry = retry;
        return dispatcher;
    }
}
