package org.eegworkflow.eeg.bids;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.eegworkflow.eeg.io.RecordingHeader;

/**
 * One recording of a dataset with what its sidecars say about it.
 *
 * @param file        the data (header) file on disk
 * @param path        that file relative to the folder read, with '/'
 * @param entities    the BIDS entities of its name in order ({@code sub}, {@code ses}, {@code task}, {@code run}, ...);
 *                    for a plain folder only {@code sub}, the file name without its extension
 * @param format      the file format
 * @param header      what its header says, or {@code null} when it could not be read (the dataset's problems say why)
 * @param sidecar     the {@code _eeg.json} sidecars that apply, merged key by key (the nearest wins); empty without
 * @param channels    the rows of the nearest {@code _channels.tsv} (column to value), empty without one
 * @param badChannels the channels whose {@code status} is {@code bad}
 * @param events      the rows of the nearest {@code _events.tsv}, or {@code null} without one
 * @param electrodes  the nearest {@code _electrodes.tsv}, or {@code null}
 */
public record BidsRecording(Path file, String path, Map<String, String> entities, DataFormat format,
                            RecordingHeader header, JsonObject sidecar, List<Map<String, String>> channels,
                            List<String> badChannels, List<BidsEvent> events, Path electrodes) {
    public BidsRecording {
        entities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        channels = List.copyOf(channels);
        badChannels = List.copyOf(badChannels);
        events = events == null ? null : List.copyOf(events);
    }

    public String subject() {
        return entities.get("sub");
    }

    public String session() {
        return entities.get("ses");
    }

    public String task() {
        return entities.get("task");
    }

    public String run() {
        return entities.get("run");
    }

    /**
     * The count of each event type in the order first met: {@code trial_type} of {@code _events.tsv} (its
     * {@code value} where it has no {@code trial_type}), else the recording's own annotations.
     */
    public Map<String, Integer> eventCounts() {
        if (events != null) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (BidsEvent event : events) {
                if (event.type() != null) {
                    counts.merge(event.type(), 1, Integer::sum);
                }
            }
            return counts;
        }
        return header == null ? Map.of() : header.annotationCounts();
    }
}
