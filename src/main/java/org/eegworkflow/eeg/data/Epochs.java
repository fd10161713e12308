package org.eegworkflow.eeg.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Segments of a recording around events (connector type {@code Epochs}), or their average. {@code data} is
 * epochs x channels x times, in volts; {@code times} are seconds relative to the event. An average (MNE's
 * {@code Evoked}) is one epoch of EEG channels only, with {@link #averaged()} true and {@link #nave()} the number of
 * epochs that went into it.
 *
 * @param eventSamples  the 0-based sample of each epoch's event in the recording (for an average: empty)
 * @param eventIds      the event id of each epoch (for an average: empty)
 * @param idsByDescription marker description to event id, as {@link Events} has it
 */
public record Epochs(String source, double samplingRate, List<String> channelNames, List<ChannelKind> channelKinds,
                     double[] times, double[][][] data, int[] eventSamples, int[] eventIds,
                     Map<String, Integer> idsByDescription, boolean averaged, int nave) {
    public Epochs {
        Objects.requireNonNull(source, "source");
        channelNames = List.copyOf(channelNames);
        channelKinds = List.copyOf(channelKinds);
        idsByDescription = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(idsByDescription));
        if (channelNames.size() != channelKinds.size()) {
            throw new IllegalArgumentException("channel names and kinds differ in number");
        }
        for (double[][] epoch : data) {
            if (epoch.length != channelNames.size()) {
                throw new IllegalArgumentException("every epoch must have " + channelNames.size() + " channels");
            }
            for (double[] row : epoch) {
                if (row.length != times.length) {
                    throw new IllegalArgumentException("every channel must have " + times.length + " samples");
                }
            }
        }
        if (!averaged && (eventSamples.length != data.length || eventIds.length != data.length)) {
            throw new IllegalArgumentException("one event sample and id per epoch");
        }
    }

    public int epochCount() {
        return data.length;
    }

    public int channelCount() {
        return channelNames.size();
    }

    public int timeCount() {
        return times.length;
    }

    /** Indices of the channels of one kind, in channel order. */
    public int[] channelsOfKind(ChannelKind kind) {
        return java.util.stream.IntStream.range(0, channelKinds.size())
                .filter(i -> channelKinds.get(i) == kind).toArray();
    }
}
