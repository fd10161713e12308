package org.eegworkflow.job.control.store;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.files.control.UserFiles;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.platform.Settings;

/**
 * Each job's folder under the data folder: {@code files/} holds what blocks show for download (PNG, CSV, files),
 * {@code checkpoints/} the outputs of finished blocks (with {@code checkpoints/values/}, the samples files they point
 * to), {@code work/} the blocks' scratch space.
 */
@ApplicationScoped
public class JobFolders {

    @Inject
    Settings settings;

    public Path root(long jobRowId) {
        return settings.dataDir().resolve("jobs").resolve(Long.toString(jobRowId));
    }

    public Path files(long jobRowId) {
        return root(jobRowId).resolve("files");
    }

    public Path checkpoints(long jobRowId) {
        return root(jobRowId).resolve("checkpoints");
    }

    /**
     * Samples files blocks write ({@code BlockContext.newSamples}): their checkpoints point to them, so they live
     * beside the checkpoints, not in the scratch space.
     */
    public Path values(long jobRowId) {
        return checkpoints(jobRowId).resolve("values");
    }

    public Path work(long jobRowId) {
        return root(jobRowId).resolve("work");
    }

    @Inject
    UserFiles files;

    /** A user's data files (the folder FILE properties point into). */
    public Path userFiles(long userId) {
        return files.root(userId);
    }

    public void delete(long jobRowId) {
        Folders.deleteRecursively(root(jobRowId));
    }
}
