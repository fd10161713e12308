package org.eegworkflow.eeg.dsp;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;

import static org.eegworkflow.eeg.dsp.FirDesignTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EpochingTest {
    /** 100 Hz, 1000 samples; channel c at sample i holds c * 1000 + i: ramps make every mean easy to know. */
    static EegData ramps(List<Annotation> annotations) {
        double[][] rows = new double[3][1000];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 1000; i++) {
                rows[c][i] = c * 1000 + i;
            }
        }
        return new EegData("ramps.vhdr", RecordingFormat.BRAINVISION, 100, List.of("Cz", "GSR", "Pz"),
                List.of(ChannelKind.EEG, ChannelKind.MISC, ChannelKind.EEG), rows, annotations);
    }

    static final Events EVENTS = new Events(new int[] {5, 10, 50, 50, 300, 979, 980},
            new int[] {1, 2, 2, 3, 1, 1, 2}, Map.of("Stimulus/S  1", 1, "Stimulus/S  2", 2, "Response/R  3", 3));

    @Test
    void cutsEpochsSubtractsTheBaselineFromEegOnlyAndDropsEpochsPastEitherEnd() {
        Epochs epochs = Epoching.extract(ramps(List.of()), EVENTS, -0.1, 0.2, true, null, 0., Set.of());
        // 5 starts before the recording, 980 ends after it; the second event at 50 repeats a sample
        assertArrayEquals(new int[] {10, 50, 300, 979}, epochs.eventSamples());
        assertArrayEquals(new int[] {2, 2, 1, 1}, epochs.eventIds());
        assertEquals(31, epochs.timeCount());
        assertEquals(-0.1, epochs.times()[0], 1e-15);
        assertEquals(0., epochs.times()[10]);
        assertEquals(0.2, epochs.times()[30], 1e-15);
        assertEquals(List.of("Cz", "GSR", "Pz"), epochs.channelNames());
        assertFalse(epochs.averaged());
        for (int e = 0; e < 4; e++) {
            int first = epochs.eventSamples()[e] - 10;
            for (int k = 0; k < 31; k++) {
                // the baseline mean of a ramp over 11 samples is its 6th sample
                assertEquals(k - 5, epochs.data()[e][0][k], 1e-9);
                assertEquals(k - 5, epochs.data()[e][2][k], 1e-9);
                assertEquals(1000 + first + k, epochs.data()[e][1][k]);  // misc: untouched
            }
        }
    }

    @Test
    void roundsTheWindowAsPythonDoesAndCanSkipTheBaseline() {
        // -10.5 and 12.5 samples round half to even: -10 and 12
        Epochs epochs = Epoching.extract(ramps(List.of()), EVENTS, -0.105, 0.125, false, -5., 5., null);
        assertEquals(23, epochs.timeCount());
        assertEquals(-0.1, epochs.times()[0], 1e-15);
        assertEquals(0.12, epochs.times()[22], 1e-15);
        // 980 + 12 is inside the recording now
        assertArrayEquals(new int[] {10, 50, 300, 979, 980}, epochs.eventSamples());
        assertEquals(50 - 10 + 2000, epochs.data()[1][2][0]);
    }

    @Test
    void baselineIntervalsFollowMne() {
        double[] times = new double[31];
        for (int k = 0; k < 31; k++) {
            times[k] = (k - 10) / 100.;
        }
        assertArrayEquals(new int[] {0, 11}, Epoching.baselineSlice(times, 100, null, 0.));
        assertArrayEquals(new int[] {0, 31}, Epoching.baselineSlice(times, 100, null, null));
        // inclusive at both ends, between samples rounded inwards
        assertArrayEquals(new int[] {5, 16}, Epoching.baselineSlice(times, 100, -0.05, 0.05));
        assertArrayEquals(new int[] {6, 15}, Epoching.baselineSlice(times, 100, -0.045, 0.049));
        // up to one sample outside the epoch is tolerated, as in MNE
        assertArrayEquals(new int[] {0, 11}, Epoching.baselineSlice(times, 100, -0.105, 0.));
        assertMessage(() -> Epoching.baselineSlice(times, 100, -0.5, 0.), "Baseline Correction Start Time",
                "outside the epoch", "PreStimulus onset");
        assertMessage(() -> Epoching.baselineSlice(times, 100, 0., 0.5), "Baseline Correction End Time",
                "outside the epoch");
        assertMessage(() -> Epoching.baselineSlice(times, 100, 0.1, 0.), "Baseline Correction Start Time (0.1 s)",
                "must not be after", "Baseline Correction End Time (0 s)");
        assertMessage(() -> Epoching.baselineSlice(times, 100, 0.001, 0.009), "holds no sample");
        double[] afterTheEvent = {0.1, 0.11, 0.12};
        assertMessage(() -> Epoching.baselineSlice(afterTheEvent, 100, null, 0.),
                "Baseline Correction Start Time (unset: the epoch start, 0.1 s) must not be after");
        double[] fromZero = {0, 0.01, 0.02};
        assertMessage(() -> Epoching.baselineSlice(fromZero, 100, null, 0.), "one sample",
                "Baseline Correction Start Time");
        assertArrayEquals(new int[] {0, 1}, Epoching.baselineSlice(fromZero, 100, 0., 0.));
    }

    @Test
    void selectsEventIdsAndRefusesUnknownOnes() {
        Epochs epochs = Epoching.extract(ramps(List.of()), EVENTS, -0.1, 0.2, true, null, 0., Set.of(2, 3));
        // at sample 50 the first event (id 2) is kept; id 3 then has no epoch of its own
        assertArrayEquals(new int[] {10, 50}, epochs.eventSamples());
        assertArrayEquals(new int[] {2, 2}, epochs.eventIds());
        assertEquals(Map.of("Stimulus/S  2", 2, "Response/R  3", 3), epochs.idsByDescription());
        Epochs threes = Epoching.extract(ramps(List.of()), EVENTS, -0.1, 0.2, true, null, 0., Set.of(3));
        assertArrayEquals(new int[] {50}, threes.eventSamples());
        assertMessage(() -> Epoching.extract(ramps(List.of()), EVENTS, -0.1, 0.2, true, null, 0., Set.of(1, 7)),
                "Event Id 7", "ramps.vhdr", "1, 2, 3");
        assertMessage(() -> Epoching.extract(ramps(List.of()), new Events(new int[0], new int[0], Map.of()), -0.1,
                0.2, true, null, 0., Set.of()), "no events", "ramps.vhdr");
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertMessage(() -> Epoching.extract(ramps(List.of()), EVENTS, 0.2, -0.1, true, null, 0., Set.of()),
                "PreStimulus onset (0.2 s)", "PostStimulus onset (-0.1 s)");
        assertMessage(() -> Epoching.extract(ramps(List.of()), EVENTS, -0.1, 0.2, true, -1., 0., Set.of()),
                "Baseline Correction Start Time");
        // the recording is 10 s long
        assertMessage(() -> Epoching.extract(ramps(List.of()), EVENTS, -10, 0.2, true, null, 0., Set.of()),
                "PreStimulus onset (-10 s)", "10 s", "no epoch could fit");
        assertMessage(() -> Epoching.extract(ramps(List.of()), EVENTS, 0, 1e12, false, null, null, Set.of()),
                "PostStimulus onset");
        assertEquals(1000, Epoching.extract(ramps(List.of()), EVENTS, -9.99, 0, false, null, null, Set.of())
                .timeCount());
    }

    @Test
    void dropsEpochsOverlappingBadAnnotations() {
        EegData data = ramps(List.of(new Annotation(2.9, 0.05, "BAD_blink"), new Annotation(0.0, 0.2, "Comment/bad?"),
                new Annotation(0.6, 0.1, "bad segment")));
        Epochs epochs = Epoching.extract(data, EVENTS, -0.1, 0.2, true, null, 0., Set.of());
        // 300 (2.9-3.2 s) overlaps BAD_blink; 50 (0.4-0.71 s) overlaps "bad segment" at 0.6 s
        assertArrayEquals(new int[] {10, 979}, epochs.eventSamples());
    }
}
