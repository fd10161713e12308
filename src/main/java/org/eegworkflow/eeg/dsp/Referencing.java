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

    /** Samples of each channel in one chunk: 64 channels take 4 MB. */
    private static final int CHUNK = 1 << 13;
}
