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

    public Path root(long rowId) {
        return settings.dataDir().resolve("jobs").resolve(Long.toString(rowId));
    }

    public Path files(long rowId) {
        return root(rowId).resolve("files");
    }

    public Path checkpoints(long rowId) {
        return root(rowId).resolve("checkpoints");
    }

    /**
     * Samples files blocks write ({@code BlockContext.newSamples}): their checkpoints point to them, so they live
     * beside the checkpoints, not in the scratch space.
     */
    public Path values(long rowId) {
        return checkpoints(rowId).resolve("values");
    }

    public Path work(long rowId) {
        return root(rowId).resolve("work");
    }

    @Inject
    UserFiles files;

    /** A user's data files (the folder FILE properties point into). */
    public Path userFiles(long userId) {
        return files.root(userId);
    }

    /** The result cache's encoded values of a user's entries. */
    public Path cache(long userId) {
        return settings.dataDir().resolve("cache").resolve(Long.toString(userId));
    }

    /** Deletes only a job's scratch space, keeping what result cache entries refer to. */
    public void deleteWork(long rowId) {
        Folders.deleteRecursively(work(rowId));
    }

    public void delete(long rowId) {
        Folders.deleteRecursively(root(rowId));
    }
}
