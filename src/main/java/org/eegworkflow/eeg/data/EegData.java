package org.eegworkflow.eeg.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A continuous recording (connector type {@code EEGData}): one row of samples per channel, in volts.
 * The sample arrays are shared, not copied: a block that changes samples makes a new instance with
 * {@link #withData(double[][])} and never writes into the arrays it received.
 */
public final class EegData {
    private final String source;
    private final RecordingFormat format;
    private final double samplingRate;
    private final List<String> channelNames;
    private final List<ChannelKind> channelKinds;
    private final double[][] data;
    private final List<Annotation> annotations;

    public EegData(String source, RecordingFormat format, double samplingRate, List<String> channelNames,
                   List<ChannelKind> channelKinds, double[][] data, List<Annotation> annotations) {
        this.source = Objects.requireNonNull(source, "source");
        this.format = Objects.requireNonNull(format, "format");
        if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
            throw new IllegalArgumentException("sampling rate must be positive, not " + samplingRate);
        }
        this.samplingRate = samplingRate;
        this.channelNames = List.copyOf(channelNames);
        this.channelKinds = List.copyOf(channelKinds);
        this.data = Objects.requireNonNull(data, "data");
        if (channelNames.size() != channelKinds.size() || channelNames.size() != data.length) {
            throw new IllegalArgumentException(channelNames.size() + " channel names, " + channelKinds.size()
                    + " kinds and " + data.length + " rows of samples: they must match");
        }
        int samples = data.length == 0 ? 0 : data[0].length;
        for (double[] row : data) {
            if (row.length != samples) {
                throw new IllegalArgumentException("every channel must have the same number of samples");
            }
        }
        this.annotations = List.copyOf(annotations);
    }

    /** The file the recording was read from (its name only), for titles and messages. */
    public String source() {
        return source;
    }

    public RecordingFormat format() {
        return format;
    }

    /** Samples per second. */
    public double samplingRate() {
        return samplingRate;
    }

    public List<String> channelNames() {
        return channelNames;
    }

    public List<ChannelKind> channelKinds() {
        return channelKinds;
    }

    public int channelCount() {
        return data.length;
    }

    public int sampleCount() {
        return data.length == 0 ? 0 : data[0].length;
    }

    /** Channels x samples, in volts. Do not modify: the arrays may be shared with other blocks' values. */
    public double[][] data() {
        return data;
    }

    public List<Annotation> annotations() {
        return annotations;
    }

    /** Indices of the channels of one kind, in channel order. */
    public int[] channelsOfKind(ChannelKind kind) {
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < channelKinds.size(); i++) {
            if (channelKinds.get(i) == kind) {
                picks.add(i);
            }
        }
        return picks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same recording with other samples (same channels, same length). */
    public EegData withData(double[][] newData) {
        return new EegData(source, format, samplingRate, channelNames, channelKinds, newData, annotations);
    }

    /** The same recording restricted to some channels, in the order given. */
    public EegData withChannels(int[] picks) {
        List<String> names = new ArrayList<>();
        List<ChannelKind> kinds = new ArrayList<>();
        double[][] rows = new double[picks.length][];
        for (int i = 0; i < picks.length; i++) {
            names.add(channelNames.get(picks[i]));
            kinds.add(channelKinds.get(picks[i]));
            rows[i] = data[picks[i]];
        }
        return new EegData(source, format, samplingRate, names, kinds, rows, annotations);
    }
}
