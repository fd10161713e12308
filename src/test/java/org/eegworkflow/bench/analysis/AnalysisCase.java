package org.eegworkflow.bench.analysis;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.Samples;

/**
 * One analysis stage of the EEG benchmark (issue 19): the same work done by our code and by MNE-Python 1.3 on the
 * one-hour 64-channel recording, timed side by side by {@code AnalysisBench}. Each case also returns a few numbers
 * summarising its result, the same numbers on both sides, so the table shows the two did the same work.
 */
public interface AnalysisCase {

    /** What the table prints, for example {@code "Notch 60 Hz + harmonics"}. */
    String name();

    /**
     * Does the stage on the recording (read with preloading off: samples in files) and returns the summary numbers.
     * Only this call is timed; {@code files} makes the samples of new recordings, as a block's context would.
     */
    double[] java(EegData recording, Samples.Factory files) throws Exception;

    /**
     * Python run with {@code raw} (the same recording, {@code mne.io.read_raw_edf(..., preload=True)}), {@code np}
     * and {@code mne} in scope, which must leave the summary numbers in {@code result} (a 1-D array or list). Only
     * this code is timed. It must leave {@code raw} as it found it (work on {@code raw.copy()} where MNE changes in
     * place: our blocks write new samples too, so the copy is part of the same work).
     */
    String python();
}
