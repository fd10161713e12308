package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.FirDesign;
import org.eegworkflow.eeg.dsp.FirFilter;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Band-pass, low-pass or high-pass filter with MNE-Python's default design: a Hamming-windowed FIR whose length and
 * transition bands MNE chooses, applied forwards with zero phase ({@code raw.filter(l, h, fir_design='firwin')}).
 * EEG channels only; misc channels pass through unchanged.
 */
@BlockType(name = "Filter", family = "PreProcessing", memoryMb = 128,
        description = "Band-pass FIR filter as MNE's raw.filter(l, h) (Hamming, zero phase); leave a cut-off empty"
                + " (None) for low- or high-pass.")
public class Filter {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Optional, default None (low-pass only). The high-pass edge in Hz, for example {@code 1}. */
    @BlockProperty(name = "Low Cutoff Frequency", type = Types.NUMBER, defaultValue = "None",
            description = "Hz, for example 1. None: the data are only low-passed.")
    Double low;

    /** Optional, default None (high-pass only). The low-pass edge in Hz, for example {@code 40}. */
    @BlockProperty(name = "High Cutoff Frequency", type = Types.NUMBER, defaultValue = "None",
            description = "Hz, for example 40. None: the data are only high-passed.")
    Double high;

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        double[] kernel = FirDesign.kernel(data.samplingRate(), low, high);
        output = FirFilter.filter(data, low, high, context::newSamples);
        String band = low != null && high != null ? "band-pass " + Recordings.number(low) + "-"
                + Recordings.number(high) + " Hz" : low != null ? "high-pass " + Recordings.number(low) + " Hz"
                : "low-pass " + Recordings.number(high) + " Hz";
        return band + ", FIR of " + kernel.length + " taps (Hamming, zero phase), "
                + data.channelsOfKind(ChannelKind.EEG).length + " EEG channels filtered";
    }
}
