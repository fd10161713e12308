package org.eegworkflow.sdk;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link DatasetReader} found in a folder. As JSON (the server's {@code GET /api/datasets/{folder}}):
 * {@code {"folder", "format", "recordings": [...], "problems": [...]}}.
 *
 * @param format     how the folder is organised: {@code "BIDS"} for a BIDS dataset, {@code "files"} for a plain
 *                   folder of recordings (one recording per file), or another word a reader defines
 * @param recordings the recordings, in a stable order (by path)
 * @param problems   what could not be read or is missing, one sentence each (a missing data file, an unreadable
 *                   sidecar); never a reason to fail the whole description
 */
public record DatasetDescription(String format, List<RecordingDescription> recordings, List<String> problems) {
    public DatasetDescription {
        Objects.requireNonNull(format, "format");
        recordings = List.copyOf(recordings);
        problems = List.copyOf(problems);
    }
}
