package org.eegworkflow.eeg.dsp;

import java.util.stream.IntStream;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.Samples;

/** Re-referencing of a recording's EEG channels. */
public final class Referencing {
    private Referencing() {
    }

    /**
     * The common average reference, as MNE's {@code raw.set_eeg_reference('average')}: at every sample the mean of
     * the EEG channels is subtracted from each EEG channel; other channels are left alone. It removes what all
     * electrodes share (the original reference's own activity, far-field potentials), so a channel over the motor
     * cortex shows its local rhythm; on a recording with a distant reference, the mu rhythm's drop over one
     * hemisphere is otherwise drowned in activity common to both.
     *
     * @return a new recording; the input is not changed
     * @throws IllegalArgumentException when the recording has fewer than 2 EEG channels (the average of one channel
     *                                  is the channel itself, and subtracting it leaves zeros)
     */
    public static EegData average(EegData data) {
        return average(data, Samples.inMemory());
    }

    /**
     * {@link #average(EegData)} reading and writing a chunk of samples of every channel at a time, the chunks spread
     * over the cores.
     *
     * @param samples where the new samples go (a block passes its context's {@code newSamples})
     */
    public static EegData average(EegData data, Samples.Factory samples) {
        int[] eeg = data.channelsOfKind(ChannelKind.EEG);
        if (eeg.length < 2) {
            throw new IllegalArgumentException("an average reference needs at least 2 EEG channels; " + data.source()
                    + " has " + eeg.length + " (pick more channels, or re-reference before ChannelSelection)");
        }
        int n = data.sampleCount();
        Samples in = data.samples();
        Samples.Writer out = samples.newSamples(data.channelCount(), n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        int workers = Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, workers).parallel().forEach(w -> {
            double[][] rows = new double[data.channelCount()][Math.min(n, CHUNK)];
            double[] mean = new double[Math.min(n, CHUNK)];
            for (int chunk = w; chunk < chunks; chunk += workers) {
                long from = (long) chunk * CHUNK;
                int count = (int) Math.min(CHUNK, n - from);
                for (int c = 0; c < rows.length; c++) {
                    in.read(c, from, rows[c], 0, count);
                }
                java.util.Arrays.fill(mean, 0, count, 0.);
                // channel after channel, as numpy's mean over the channel axis adds them
                for (int c : eeg) {
                    double[] row = rows[c];
                    for (int t = 0; t < count; t++) {
                        mean[t] += row[t];
                    }
                }
                for (int t = 0; t < count; t++) {
                    mean[t] /= eeg.length;
                }
                for (int c : eeg) {
                    double[] row = rows[c];
                    for (int t = 0; t < count; t++) {
                        row[t] = row[t] - mean[t];
                    }
                }
                for (int c = 0; c < rows.length; c++) {
                    out.write(c, from, rows[c], 0, count);
                }
            }
        });
        return data.withSamples(out.finish());
    }

    /**
     * Re-references to the mean of some channels, as MNE's {@code raw.set_eeg_reference(ref_channels)}: at every
     * sample their mean is subtracted from every EEG channel that is not bad (the reference channels included, which
     * a single reference turns into zeros); bad and misc channels are left as they are.
     *
     * @param references channel indices whose mean is the new reference, in the order named
     */
    public static EegData toChannels(EegData data, int[] references, Samples.Factory samples) {
        int[] to = java.util.Arrays.stream(data.channelsOfKind(ChannelKind.EEG))
                .filter(c -> !data.info().isBad(data.channelNames().get(c))).toArray();
        int n = data.sampleCount();
        Samples in = data.samples();
        Samples.Writer out = samples.newSamples(data.channelCount(), n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        int workers = Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, workers).parallel().forEach(w -> {
            double[][] rows = new double[data.channelCount()][Math.min(n, CHUNK)];
            double[] mean = new double[Math.min(n, CHUNK)];
            for (int chunk = w; chunk < chunks; chunk += workers) {
                long from = (long) chunk * CHUNK;
                int count = (int) Math.min(CHUNK, n - from);
                for (int c = 0; c < rows.length; c++) {
                    in.read(c, from, rows[c], 0, count);
                }
                java.util.Arrays.fill(mean, 0, count, 0.);
                // data[ref_from].mean(axis=-2): the reference rows added one after another, then divided
                for (int c : references) {
                    double[] row = rows[c];
                    for (int t = 0; t < count; t++) {
                        mean[t] += row[t];
                    }
                }
                for (int t = 0; t < count; t++) {
                    mean[t] /= references.length;
                }
                for (int c : to) {
                    double[] row = rows[c];
                    for (int t = 0; t < count; t++) {
                        row[t] = row[t] - mean[t];
                    }
                }
                for (int c = 0; c < rows.length; c++) {
                    out.write(c, from, rows[c], 0, count);
                }
            }
        });
        return data.withSamples(out.finish());
    }

    /**
     * Bipolar derivations, as {@code mne.set_bipolar_reference(raw, anodes, cathodes)}: a channel {@code anode -
     * cathode} named {@code "anode-cathode"} is added at the end for each pair, with the anode's kind and position,
     * and bad when either of its channels is; the anodes and cathodes are then dropped.
     */
    public static EegData bipolar(EegData data, int[] anodes, int[] cathodes, Samples.Factory samples) {
        java.util.Set<Integer> dropped = new java.util.TreeSet<>();
        for (int i = 0; i < anodes.length; i++) {
            dropped.add(anodes[i]);
            dropped.add(cathodes[i]);
        }
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int c = 0; c < data.channelCount(); c++) {
            if (!dropped.contains(c)) {
                kept.add(c);
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<ChannelKind> kinds = new java.util.ArrayList<>();
        java.util.Map<String, double[]> positions = new java.util.LinkedHashMap<>();
        java.util.List<String> bads = new java.util.ArrayList<>();
        for (int c : kept) {
            String name = data.channelNames().get(c);
            names.add(name);
            kinds.add(data.channelKinds().get(c));
            if (data.info().hasPosition(name)) {
                positions.put(name, data.info().position(name));
            }
            if (data.info().isBad(name)) {
                bads.add(name);
            }
        }
        for (int i = 0; i < anodes.length; i++) {
            String anode = data.channelNames().get(anodes[i]);
            String cathode = data.channelNames().get(cathodes[i]);
            String name = anode + "-" + cathode;
            if (names.contains(name)) {
                throw new IllegalArgumentException("property 'Reference': the bipolar channel " + name + " is named"
                        + " twice or already exists");
            }
            names.add(name);
            kinds.add(data.channelKinds().get(anodes[i]));
            if (data.info().hasPosition(anode)) {
                positions.put(name, data.info().position(anode));
            }
            if (data.info().isBad(anode) || data.info().isBad(cathode)) {
                bads.add(name);
            }
        }
        int n = data.sampleCount();
        Samples in = data.samples();
        Samples.Writer out = samples.newSamples(names.size(), n);
        double[] a = new double[Math.min(n, CHUNK)];
        double[] b = new double[Math.min(n, CHUNK)];
        for (long from = 0; from < n; from += CHUNK) {
            int count = (int) Math.min(CHUNK, n - from);
            for (int k = 0; k < kept.size(); k++) {
                in.read(kept.get(k), from, a, 0, count);
                out.write(k, from, a, 0, count);
            }
            for (int i = 0; i < anodes.length; i++) {
                in.read(anodes[i], from, a, 0, count);
                in.read(cathodes[i], from, b, 0, count);
                for (int t = 0; t < count; t++) {
                    a[t] = a[t] - b[t];
                }
                out.write(kept.size() + i, from, a, 0, count);
            }
        }
        return new EegData(data.source(), data.format(), data.samplingRate(), names, kinds, out.finish(),
                data.annotations(), new org.eegworkflow.eeg.data.ChannelInfo(positions, bads));
    }

    /** Samples of each channel in one chunk: 64 channels take 4 MB. */
    private static final int CHUNK = 1 << 13;
}
