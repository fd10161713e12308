package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.List;

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
 * Removes mains interference as MNE's {@code raw.notch_filter(freqs)} with its defaults: one FIR band-stop per
 * frequency (Hamming, firwin design, stop band {@code f/200} wide, 1 Hz transitions, zero phase, 6.6 s long), on the
 * EEG channels; misc channels pass through.
 */
@BlockType(name = "Notch", family = "PreProcessing", memoryMb = 128,
        description = "Removes line noise (50 or 60 Hz and, if asked, its harmonics) with MNE's notch filter"
                + " (raw.notch_filter: FIR band-stops, zero phase).")
public class Notch {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Optional, default 50. The frequencies to remove in Hz, separated by commas: {@code 50} or {@code 60, 120}. */
    @BlockProperty(name = "Frequencies", type = Types.STRING, defaultValue = "50",
            description = "Hz, separated by commas, for example 50 (Europe) or 60 (Americas).")
    String frequencies = "50";

    /** Optional, default false. True adds every multiple of the frequencies that fits below Nyquist. */
    @BlockProperty(name = "Harmonics", type = Types.BOOLEAN, defaultValue = "false",
            description = "Also remove the harmonics (100, 150, ... Hz for 50) below the Nyquist frequency.")
    boolean harmonics;

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        double[] freqs = frequencies(data.samplingRate());
        double[] kernel = FirDesign.notchKernel(data.samplingRate(), freqs);
        output = FirFilter.filter(data, kernel, context::newSamples);
        StringBuilder list = new StringBuilder();
        for (double f : freqs) {
            list.append(list.isEmpty() ? "" : ", ").append(Recordings.number(f));
        }
        return "notch at " + list + " Hz, FIR of " + kernel.length + " taps (zero phase), "
                + data.channelsOfKind(ChannelKind.EEG).length + " EEG channels filtered";
    }

    double[] frequencies(double rate) {
        List<Double> freqs = new ArrayList<>();
        String text = frequencies == null ? "" : frequencies.trim();
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            double f;
            try {
                f = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("property 'Frequencies': '" + part + "' is not a number of Hz");
            }
            if (!(f > 0) || Double.isInfinite(f)) {
                throw new IllegalArgumentException("property 'Frequencies': " + part + " Hz must be above 0");
            }
            freqs.add(f);
            if (harmonics) {
                // MNE-BIDS-Pipeline's np.arange(f, nyquist, f), less what would not fit with its transition bands
                for (double h = 2 * f; h + h / 400 + 1 < rate / 2; h += f) {
                    freqs.add(h);
                }
            }
        }
        if (freqs.isEmpty()) {
            throw new IllegalArgumentException("property 'Frequencies': name at least one frequency, for example 50");
        }
        return freqs.stream().distinct().sorted().mapToDouble(Double::doubleValue).toArray();
    }
}
