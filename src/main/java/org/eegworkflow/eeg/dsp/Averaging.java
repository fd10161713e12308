package org.eegworkflow.eeg.dsp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.Samples;

/** Averages epochs into an evoked response, as MNE-Python 1.3's {@code epochs.average()}. */
public final class Averaging {
    private Averaging() {
    }

    /**
     * The mean over epochs of each EEG channel at each time (misc channels are left out, as MNE's default picks do).
     *
     * @return one epoch of the EEG channels, {@code averaged} true, {@code nave} the number of epochs averaged
     * @throws IllegalArgumentException if there are no epochs or no EEG channels, or the epochs are already an average
     */
    public static Epochs average(Epochs epochs) {
        if (epochs.averaged()) {
            throw new IllegalArgumentException("These epochs of " + epochs.source() + " are already an average (of "
                    + epochs.nave() + " epochs): average the epochs themselves instead");
        }
        int count = epochs.epochCount();
        if (count == 0) {
            throw new IllegalArgumentException("There are no epochs of " + epochs.source() + " to average: every"
                    + " event was too close to the start or end of the recording for the epoch window, or no event"
                    + " matched the Event Id");
        }
        int[] picks = epochs.channelsOfKind(ChannelKind.EEG);
        if (picks.length == 0) {
            throw new IllegalArgumentException("The epochs of " + epochs.source() + " have no EEG channels to"
                    + " average");
        }
        int times = epochs.timeCount();
        double[][] mean = new double[picks.length][times];
        Samples samples = epochs.samples();
        // numpy's mean over the first axis: epoch by epoch in order, then one division; each channel's sums are
        // independent of the others', so the channels are spread over the cores, and the epochs read a row at a time
        int workers = Math.min(picks.length, Runtime.getRuntime().availableProcessors());
        IntStream.range(0, workers).parallel().forEach(w -> {
            double[] row = new double[times];
            for (int c = w; c < picks.length; c += workers) {
                double[] acc = mean[c];
                for (int e = 0; e < count; e++) {
                    samples.read(epochs.row(e, picks[c]), 0, row, 0, times);
                    for (int t = 0; t < times; t++) {
                        acc[t] += row[t];
                    }
                }
                for (int t = 0; t < times; t++) {
                    acc[t] /= count;
                }
            }
        });
        List<String> names = new ArrayList<>();
        List<ChannelKind> kinds = new ArrayList<>();
        for (int p : picks) {
            names.add(epochs.channelNames().get(p));
            kinds.add(ChannelKind.EEG);
        }
        return new Epochs(epochs.source(), epochs.samplingRate(), names, kinds, epochs.times().clone(),
                new double[][][] {mean}, new int[0], new int[0], epochs.idsByDescription(), true, count)
                .withInfo(epochs.info()).withCondition(epochs.condition());
    }
}
