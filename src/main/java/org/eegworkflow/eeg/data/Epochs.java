package org.eegworkflow.eeg.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eegworkflow.sdk.Samples;

/**
 * Segments of a recording around events (connector type {@code Epochs}), or their average. {@code samples} has one
 * row per epoch and channel (row {@code epoch * channelCount + channel}, see {@link #row(int, int)}) and one column
 * per time, in volts; epochs cut from a recording are windows of its file ({@link EpochWindows}), so read them a row
 * at a time. {@code times} are seconds relative to the event. An average (MNE's {@code Evoked}) is one epoch of EEG
 * channels only, with {@link #averaged()} true and {@link #nave()} the number of epochs that went into it.
 *
 * @param eventSamples  the 0-based sample of each epoch's event in the recording (for an average: empty)
 * @param eventIds      the event id of each epoch (for an average: empty)
 * @param idsByDescription marker description to event id, as {@link Events} has it (MNE's {@code event_id}: the
 *                         condition names)
 * @param info          sensor positions and bad channels, carried from the recording
 * @param condition     for an average: the condition(s) it averages, as MNE's {@code evoked.comment} (for example
 *                      {@code "face"}, or {@code "face - house"} for a contrast); {@code ""} when not said
 */
public record Epochs(String source, double samplingRate, List<String> channelNames, List<ChannelKind> channelKinds,
                     double[] times, Samples samples, int[] eventSamples, int[] eventIds,
                     Map<String, Integer> idsByDescription, boolean averaged, int nave, ChannelInfo info,
                     String condition) {

    /** Epochs without positions, bad channels or condition name. */
    public Epochs(String source, double samplingRate, List<String> channelNames, List<ChannelKind> channelKinds,
                  double[] times, Samples samples, int[] eventSamples, int[] eventIds,
                  Map<String, Integer> idsByDescription, boolean averaged, int nave) {
        this(source, samplingRate, channelNames, channelKinds, times, samples, eventSamples, eventIds,
                idsByDescription, averaged, nave, ChannelInfo.NONE, "");
    }

    /** Epochs in arrays, epochs x channels x times (tests, small values); the time rows are shared, not copied. */
    public Epochs(String source, double samplingRate, List<String> channelNames, List<ChannelKind> channelKinds,
                  double[] times, double[][][] data, int[] eventSamples, int[] eventIds,
                  Map<String, Integer> idsByDescription, boolean averaged, int nave) {
        this(source, samplingRate, channelNames, channelKinds, times, rows(data, channelNames.size(), times.length),
                eventSamples, eventIds, idsByDescription, averaged, nave);
    }

    public Epochs {
        Objects.requireNonNull(source, "source");
        channelNames = List.copyOf(channelNames);
        info = Objects.requireNonNull(info, "info").restrictTo(channelNames);
        condition = condition == null ? "" : condition;
        channelKinds = List.copyOf(channelKinds);
        idsByDescription = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(idsByDescription));
        if (channelNames.size() != channelKinds.size()) {
            throw new IllegalArgumentException("channel names and kinds differ in number");
        }
        Objects.requireNonNull(samples, "samples");
        int channels = channelNames.size();
        if (channels > 0 && samples.rows() % channels != 0) {
            throw new IllegalArgumentException("every epoch must have " + channels + " channels");
        }
        if (samples.columns() != times.length) {
            throw new IllegalArgumentException("every channel must have " + times.length + " samples");
        }
        int epochs = channels == 0 ? eventSamples.length : samples.rows() / channels;
        if (!averaged && (eventSamples.length != epochs || eventIds.length != epochs)) {
            throw new IllegalArgumentException("one event sample and id per epoch");
        }
    }

    private static Samples rows(double[][][] data, int channels, int times) {
        double[][] rows = new double[data.length * channels][];
        for (int e = 0; e < data.length; e++) {
            if (data[e].length != channels) {
                throw new IllegalArgumentException("every epoch must have " + channels + " channels");
            }
            for (int c = 0; c < channels; c++) {
                if (data[e][c].length != times) {
                    throw new IllegalArgumentException("every channel must have " + times + " samples");
                }
                rows[e * channels + c] = data[e][c];
            }
        }
        return rows.length == 0 ? Samples.inMemory().newSamples(0, times).finish() : Samples.of(rows);
    }

    /** The same epochs with other positions or bad channels. */
    public Epochs withInfo(ChannelInfo newInfo) {
        return new Epochs(source, samplingRate, channelNames, channelKinds, times, samples, eventSamples, eventIds,
                idsByDescription, averaged, nave, newInfo, condition);
    }

    /** The same epochs with another condition name. */
    public Epochs withCondition(String newCondition) {
        return new Epochs(source, samplingRate, channelNames, channelKinds, times, samples, eventSamples, eventIds,
                idsByDescription, averaged, nave, info, newCondition);
    }

    /** Other samples with everything else kept (the same channels and times). */
    public Epochs withSamples(Samples newSamples) {
        return new Epochs(source, samplingRate, channelNames, channelKinds, times, newSamples, eventSamples, eventIds,
                idsByDescription, averaged, nave, info, condition);
    }

    public int epochCount() {
        return channelNames.size() == 0 ? eventSamples.length : samples.rows() / channelNames.size();
    }

    /** The row of {@link #samples()} holding one channel of one epoch. */
    public int row(int epoch, int channel) {
        return epoch * channelNames.size() + channel;
    }

    /** A copy of one channel of one epoch ({@link #timeCount()} samples). */
    public double[] epochRow(int epoch, int channel) {
        return samples.row(row(epoch, channel));
    }

    /**
     * A copy of all epochs on the heap, epochs x channels x times: for tests and small values only (see
     * {@link Samples#toArray()}).
     */
    public double[][][] data() {
        double[][][] out = new double[epochCount()][channelCount()][];
        for (int e = 0; e < out.length; e++) {
            for (int c = 0; c < out[e].length; c++) {
                out[e][c] = epochRow(e, c);
            }
        }
        return out;
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
