package org.eegworkflow.eeg.dsp;

import java.util.List;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;

import static org.eegworkflow.eeg.dsp.FirDesignTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ReferencingTest {
    @Test
    void averageReferenceSubtractsTheEegMeanAndLeavesMiscAlone() {
        double[] misc = {7, 8, 9};
        double[][] rows = {{1, 2, 3}, misc, {3, 2, 1}, {2, 5, 8}};
        EegData data = new EegData("x.edf", RecordingFormat.EDF, 100, List.of("C3", "EOG", "C4", "Cz"),
                List.of(ChannelKind.EEG, ChannelKind.MISC, ChannelKind.EEG, ChannelKind.EEG), rows, List.of());
        EegData referenced = Referencing.average(data);
        // means over C3, C4, Cz: 2, 3, 4
        assertArrayEquals(new double[] {-1, -1, -1}, referenced.data()[0], 0.);
        assertArrayEquals(misc, referenced.data()[1], 0.);
        assertArrayEquals(new double[] {1, -1, -3}, referenced.data()[2], 0.);
        assertArrayEquals(new double[] {0, 2, 4}, referenced.data()[3], 0.);
        assertArrayEquals(new double[] {1, 2, 3}, data.data()[0], 0.);

        EegData one = new EegData("y.edf", RecordingFormat.EDF, 100, List.of("C3", "EOG"),
                List.of(ChannelKind.EEG, ChannelKind.MISC), new double[][] {{1, 2}, {3, 4}}, List.of());
        assertMessage(() -> Referencing.average(one), "at least 2 EEG channels", "y.edf has 1");
    }

    /** Values from MNE 1.3: {@code raw.set_eeg_reference('average', projection=False)} on test.vhdr, in µV. */
    @Test
    void averageReferenceMatchesMneOnTheRealRecording() {
        EegData raw = org.eegworkflow.eeg.io.BrainVisionReader.read(
                org.eegworkflow.eeg.EegTestData.file("brainvision-mne/test.vhdr"));
        double[][] referenced = Referencing.average(raw).data();
        double[][] expected = {
            {0, 0, -6.884615384615387, -7.230769230769231, -7.365384615384613},
            {5, 1000, 6.153846153846155, 6.346153846153846, 7.365384615384615},
            {25, 3000, 15.173076923076923, 15.807692307692303, 15.75},
            {26, 10, -17000000.0, -17500000.0, -18500000.0}};
        for (double[] row : expected) {
            for (int k = 0; k < 3; k++) {
                double mne = row[2 + k];
                double ours = referenced[(int) row[0]][(int) row[1] + k] * 1e6;
                org.junit.jupiter.api.Assertions.assertEquals(mne, ours, 1e-9 * Math.abs(mne) + 1e-12,
                        "channel " + (int) row[0] + " sample " + ((int) row[1] + k));
            }
        }
    }
}
