package org.eegworkflow.job.control.store;

import org.eegworkflow.platform.Settings;

/** Job folders wired by hand, for tests of the engine without a container. */
public final class Stores {
    private Stores() {
    }

    public static JobFolders folders(Settings settings) {
        JobFolders folders = new JobFolders();
        folders.settings = settings;
        return folders;
    }
}
