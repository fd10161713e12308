package org.eegworkflow.eeg.blocks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;

/**
 * The difference of two averages, as {@code mne.combine_evoked([a, b], weights=[1, -1])}: {@code a - b} at every
 * channel and time, {@code nave = 1 / (1/nave_a + 1/nave_b)} rounded as MNE's Evoked rounds it, the bad channels of
 * both, and the condition named {@code "a - b"}.
 */
@BlockType(name = "Contrast", family = "PreProcessing", memoryMb = 32,
        description = "Difference of two averaged conditions (A - B), as MNE's combine_evoked(weights=[1, -1]).")
public class Contrast {

    @BlockInput(name = "A", type = EegTypes.EPOCHS, description = "An average (for example face).")
    Epochs a;

    @BlockInput(name = "B", type = EegTypes.EPOCHS, description = "The average subtracted (for example house).")
    Epochs b;

    @BlockOutput(name = "Epochs", type = EegTypes.EPOCHS, description = "The average A - B.")
    Epochs output;

    @BlockExecute
    public String execute() {
        if (!a.averaged() || !b.averaged()) {
            throw new IllegalArgumentException("input '" + (a.averaged() ? "B" : "A") + "' holds single epochs:"
                    + " average them first (EpochAveraging)");
        }
        if (!a.channelNames().equals(b.channelNames())) {
            throw new IllegalArgumentException("inputs 'A' and 'B' have different channels (" + a.channelNames()
                    + " and " + b.channelNames() + "): contrast averages of the same recording's channels");
        }
        if (a.timeCount() != b.timeCount() || !java.util.Arrays.equals(a.times(), b.times())) {
            throw new IllegalArgumentException("inputs 'A' and 'B' have different times (" + a.timeCount() + " and "
                    + b.timeCount() + " samples): cut both with the same tmin and tmax");
        }
        int channels = a.channelCount();
        double[][][] data = new double[1][channels][];
        for (int c = 0; c < channels; c++) {
            double[] x = a.epochRow(0, c);
            double[] y = b.epochRow(0, c);
            for (int t = 0; t < x.length; t++) {
                // Python's sum() starts from 0: 0 + 1 * a + -1 * b, which is a - b
                x[t] = x[t] + -1.0 * y[t];
            }
            data[0][c] = x;
        }
        double nave = 1.0 / (1.0 / a.nave() + 1.0 / b.nave());
        Set<String> bads = new LinkedHashSet<>(a.info().bads());
        bads.addAll(b.info().bads());
        String nameA = a.condition().isEmpty() ? "A" : a.condition();
        String nameB = b.condition().isEmpty() ? "B" : b.condition();
        output = new Epochs(a.source(), a.samplingRate(), a.channelNames(), a.channelKinds(), a.times().clone(),
                data, new int[0], new int[0], a.idsByDescription(), true, (int) Math.rint(nave))
                .withInfo(a.info().withBads(List.copyOf(bads))).withCondition(nameA + " - " + nameB);
        return output.condition() + ": " + channels + " channels x " + output.timeCount() + " samples, nave "
                + output.nave();
    }
}
