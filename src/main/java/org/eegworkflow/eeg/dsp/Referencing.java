package org.eegworkflow.eeg.dsp;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;

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
        int[] eeg = data.channelsOfKind(ChannelKind.EEG);
        if (eeg.length < 2) {
            throw new IllegalArgumentException("an average reference needs at least 2 EEG channels; " + data.source()
                    + " has " + eeg.length + " (pick more channels, or re-reference before ChannelSelection)");
        }
        int n = data.sampleCount();
        double[] mean = new double[n];
        // channel after channel, as numpy's mean over the channel axis adds them
        for (int c : eeg) {
            double[] row = data.data()[c];
            for (int t = 0; t < n; t++) {
                mean[t] += row[t];
            }
        }
        for (int t = 0; t < n; t++) {
            mean[t] /= eeg.length;
        }
        double[][] out = data.data().clone();
        for (int c : eeg) {
            double[] row = data.data()[c];
            double[] referenced = new double[n];
            for (int t = 0; t < n; t++) {
                referenced[t] = row[t] - mean[t];
            }
            out[c] = referenced;
        }
        return data.withData(out);
    }
}
