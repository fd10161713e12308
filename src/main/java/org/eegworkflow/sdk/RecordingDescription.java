package org.eegworkflow.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recording of a dataset, as a {@link DatasetReader} describes it from its header and sidecar files. As JSON:
 * {@code {"path", "subject", "session", "task", "run", "format", "channels", "samplingRate", "durationSeconds",
 * "badChannels": [...], "events": {"<trial type>": count, ...}}}; a value not known is {@code null}.
 *
 * @param path            the data file (the header, for a recording of several files), relative to the user's data
 *                        files, as {@code FILE} block properties take it
 * @param subject         the subject label ({@code "01"} for {@code sub-01}), or for a plain folder the file name
 *                        without its extension
 * @param session         the session label, or {@code null}
 * @param task            the task label, or {@code null}
 * @param run             the run label (kept as text: BIDS allows {@code run-01}), or {@code null}
 * @param format          the file format: {@code "BrainVision"}, {@code "EDF"}, {@code "BDF"}, {@code "EEGLAB"}, ...
 * @param channels        the number of channels, or {@code null} when the header could not be read
 * @param samplingRate    in Hz, or {@code null}
 * @param durationSeconds the length of the recording, or {@code null}
 * @param badChannels     the channels marked bad (BIDS: {@code status} {@code bad} in {@code _channels.tsv})
 * @param events          the count of each event type, in the order first met: BIDS {@code trial_type} of
 *                        {@code _events.tsv} where there is one, else the recording's own markers or annotations
 */
public record RecordingDescription(String path, String subject, String session, String task, String run,
                                   String format, Integer channels, Double samplingRate, Double durationSeconds,
                                   List<String> badChannels, Map<String, Integer> events) {
    public RecordingDescription {
        Objects.requireNonNull(path, "path");
        badChannels = List.copyOf(badChannels);
        events = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(events));
    }
}
