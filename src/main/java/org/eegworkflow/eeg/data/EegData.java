package org.eegworkflow.eeg.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eegworkflow.sdk.Samples;

/**
 * A continuous recording (connector type {@code EEGData}): one row of {@link Samples} per channel, in volts. The
 * samples are immutable and shared, not copied; for a real recording they live in a file of the job (see
 * {@link Samples}), so a block reads them in runs ({@link #samples()}) rather than as arrays. A block that changes
 * samples writes new ones and makes a new instance with {@link #withSamples(Samples)}.
 */
public final class EegData {
    private final String source;
    private final RecordingFormat format;
    private final double samplingRate;
    private final List<String> channelNames;
    private final List<ChannelKind> channelKinds;
    private final Samples samples;
    private final List<Annotation> annotations;
    private final ChannelInfo info;

    /** A recording of samples in arrays (tests, small recordings); the arrays are shared, not copied. */
    public EegData(String source, RecordingFormat format, double samplingRate, List<String> channelNames,
                   List<ChannelKind> channelKinds, double[][] data, List<Annotation> annotations) {
        this(source, format, samplingRate, channelNames, channelKinds, Samples.of(data), annotations);
    }

    public EegData(String source, RecordingFormat format, double samplingRate, List<String> channelNames,
                   List<ChannelKind> channelKinds, Samples samples, List<Annotation> annotations) {
        this(source, format, samplingRate, channelNames, channelKinds, samples, annotations, ChannelInfo.NONE);
    }

    /** A recording with sensor positions or bad channels ({@code info} may name only some of its channels). */
    public EegData(String source, RecordingFormat format, double samplingRate, List<String> channelNames,
                   List<ChannelKind> channelKinds, Samples samples, List<Annotation> annotations, ChannelInfo info) {
        this.source = Objects.requireNonNull(source, "source");
        this.format = Objects.requireNonNull(format, "format");
        if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
            throw new IllegalArgumentException("sampling rate must be positive, not " + samplingRate);
        }
        this.samplingRate = samplingRate;
        this.channelNames = List.copyOf(channelNames);
        this.channelKinds = List.copyOf(channelKinds);
        this.samples = Objects.requireNonNull(samples, "samples");
        if (channelNames.size() != channelKinds.size() || channelNames.size() != samples.rows()) {
            throw new IllegalArgumentException(channelNames.size() + " channel names, " + channelKinds.size()
                    + " kinds and " + samples.rows() + " rows of samples: they must match");
        }
        if (samples.columns() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(samples.columns() + " samples per channel are too many");
        }
        this.annotations = List.copyOf(annotations);
        this.info = Objects.requireNonNull(info, "info").restrictTo(this.channelNames);
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
        return samples.rows();
    }

    public int sampleCount() {
        return (int) samples.columns();
    }

    /** Channels x samples, in volts: read them in runs with {@link Samples#read}. */
    public Samples samples() {
        return samples;
    }

    /**
     * A copy of all samples on the heap, channels x samples: 8 bytes a sample, so for tests and short recordings
     * only (see {@link Samples#toArray()}); blocks read {@link #samples()} in runs.
     */
    public double[][] data() {
        return samples.toArray();
    }

    public List<Annotation> annotations() {
        return annotations;
    }

    /** Sensor positions and bad channels (MNE's {@code info}); {@link ChannelInfo#NONE} until something sets them. */
    public ChannelInfo info() {
        return info;
    }

    /** The same recording with other positions or bad channels. */
    public EegData withInfo(ChannelInfo newInfo) {
        return new EegData(source, format, samplingRate, channelNames, channelKinds, samples, annotations, newInfo);
    }

    /** The same recording with other annotations (bad spans marked, events moved). */
    public EegData withAnnotations(List<Annotation> newAnnotations) {
        return new EegData(source, format, samplingRate, channelNames, channelKinds, samples, newAnnotations, info);
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
        return withSamples(Samples.of(newData));
    }

    /** The same recording with other samples (same channels). */
    public EegData withSamples(Samples newSamples) {
        return new EegData(source, format, samplingRate, channelNames, channelKinds, newSamples, annotations, info);
    }

    /** The same recording restricted to some channels, in the order given: a view, no sample is copied. */
    public EegData withChannels(int[] picks) {
        List<String> names = new ArrayList<>();
        List<ChannelKind> kinds = new ArrayList<>();
        for (int pick : picks) {
            names.add(channelNames.get(pick));
            kinds.add(channelKinds.get(pick));
        }
        return new EegData(source, format, samplingRate, names, kinds, samples.selectRows(picks), annotations,
                info);
    }
}
