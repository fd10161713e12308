package org.eegworkflow.sdk;

import java.nio.file.Path;

/**
 * A module's reader of datasets: given a folder of a user's data files, it says what recordings the folder holds,
 * without reading their samples. The server answers {@code GET /api/datasets/{folder}} by asking the
 * {@link BlockModule#datasetReaders()} of every module packaged in the WAR, in turn, and takes the first description
 * that is not {@code null}.
 *
 * <p>A reader must be quick (a folder of 300 GB of recordings is described in seconds: read headers and sidecar
 * files, never samples), must not write anything, and must never throw for bad data: what it cannot read goes into
 * {@link DatasetDescription#problems()} in a sentence a researcher can act on. It is called on request threads, by
 * several users at once, so it keeps no state between calls.
 */
public interface DatasetReader {

    /**
     * Describes a folder.
     *
     * @param folder         the folder on disk; the reader must not leave it (nor follow symbolic links out of it)
     * @param relativeFolder how the user names that folder (relative to their data files, {@code ""} for the top);
     *                       {@link RecordingDescription#path()} values are relative to the user's files too, so the
     *                       reader prefixes them with this
     * @return the description, or {@code null} when this reader has nothing to say about the folder (another
     *         reader may then)
     */
    DatasetDescription describe(Path folder, String relativeFolder);
}
