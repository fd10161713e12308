package org.eegworkflow.eeg.dsp;

import java.util.List;
import java.util.Set;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.junit.jupiter.api.Test;

import static org.eegworkflow.eeg.dsp.FirDesignTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AveragingTest {
    @Test
    void averagesEegChannelsOverEpochs() {
        Epochs epochs = Epoching.extract(EpochingTest.ramps(List.of()), EpochingTest.EVENTS, -0.1, 0.2, false, null,
                null, Set.of());
        Epochs evoked = Averaging.average(epochs);
        assertTrue(evoked.averaged());
        assertEquals(4, evoked.nave());
        assertEquals(1, evoked.epochCount());
        assertEquals(List.of("Cz", "Pz"), evoked.channelNames());
        assertEquals(List.of(ChannelKind.EEG, ChannelKind.EEG), evoked.channelKinds());
        assertArrayEquals(epochs.times(), evoked.times());
        assertEquals(0, evoked.eventIds().length);
        // events at 10, 50, 300 and 979: mean 334.75, epochs start 10 samples earlier
        for (int k = 0; k < 31; k++) {
            assertEquals(334.75 - 10 + k, evoked.data()[0][0][k], 1e-9);
            assertEquals(2000 + 334.75 - 10 + k, evoked.data()[0][1][k], 1e-9);
        }
        assertEquals(epochs.idsByDescription(), evoked.idsByDescription());
    }

    @Test
    void refusesNothingToAverageAndAverages() {
        Epochs none = new Epochs("x.edf", 100, List.of("Cz"), List.of(ChannelKind.EEG), new double[] {0, 0.01},
                new double[0][][], new int[0], new int[0], java.util.Map.of(), false, 1);
        assertMessage(() -> Averaging.average(none), "no epochs", "x.edf");
        Epochs one = new Epochs("x.edf", 100, List.of("Cz"), List.of(ChannelKind.EEG), new double[] {0, 0.01},
                new double[][][] {{{1, 2}}}, new int[] {5}, new int[] {1}, java.util.Map.of(), false, 1);
        assertMessage(() -> Averaging.average(Averaging.average(one)), "already an average");
        Epochs miscOnly = new Epochs("x.edf", 100, List.of("GSR"), List.of(ChannelKind.MISC), new double[] {0, 0.01},
                new double[][][] {{{1, 2}}}, new int[] {5}, new int[] {1}, java.util.Map.of(), false, 1);
        assertMessage(() -> Averaging.average(miscOnly), "no EEG channels");
    }
}
