package org.eegworkflow.eeg.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.RecordingFormat;

/**
 * What a recording's header (and marker file or annotation signal) says, read without its samples: what a dataset
 * listing needs, in milliseconds whatever the recording's size. The values are those the full reader gives.
 *
 * @param source       the file's name
 * @param format       the recording's format
 * @param bdf          for {@link RecordingFormat#EDF}: whether it is BDF (24-bit) rather than EDF
 * @param channelNames as the full reader names them (made unique as MNE does)
 * @param samplingRate in Hz
 * @param sampleCount  samples per channel
 * @param annotations  as the full reader keeps them (sorted, fitted to the data)
 */
public record RecordingHeader(String source, RecordingFormat format, boolean bdf, List<String> channelNames,
                              double samplingRate, long sampleCount, List<Annotation> annotations) {
    public RecordingHeader {
        channelNames = List.copyOf(channelNames);
        annotations = List.copyOf(annotations);
    }

    public int channelCount() {
        return channelNames.size();
    }

    public double durationSeconds() {
        return sampleCount / samplingRate;
    }

    /** How often each annotation description occurs, in the order first met. */
    public Map<String, Integer> annotationCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Annotation a : annotations) {
            counts.merge(a.description(), 1, Integer::sum);
        }
        return counts;
    }
}
