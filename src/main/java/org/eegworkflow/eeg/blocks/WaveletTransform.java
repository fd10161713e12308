package org.eegworkflow.eeg.blocks;

import java.util.Locale;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.eeg.dsp.HaarWavelet;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * One feature vector per epoch: a single-level Haar ({@code db1}) wavelet transform of each EEG channel, the chosen
 * coefficients of all channels concatenated and scaled to unit length ({@code pywt.dwt(x, 'db1')}).
 */
@BlockType(name = "WaveletTransform", family = "FeatureExtraction",
        description = "Single-level db1 wavelet transform per EEG channel; coefficients concatenated, L2-normalised"
                + " per epoch.")
public class WaveletTransform {

    /** Which half of the transform becomes the features. */
    public enum Coefficients {
        /** The low-pass half, cA: the signal's shape at half the sampling rate. */
        APPROXIMATION,
        /** The high-pass half, cD: what the approximation leaves out (the old system's choice). */
        DETAIL
    }

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs epochs;

    /** Optional, default APPROXIMATION. Which coefficients to keep: APPROXIMATION or DETAIL. */
    @BlockProperty(name = "Coefficients", type = Types.STRING, defaultValue = "APPROXIMATION",
            description = "APPROXIMATION (cA, default) or DETAIL (cD).")
    Coefficients coefficients = Coefficients.APPROXIMATION;

    @BlockOutput(name = "FeatureVector", type = EegTypes.FEATURE_VECTOR)
    FeatureVectors output;

    @BlockExecute
    public String execute() {
        output = HaarWavelet.features(epochs, coefficients == Coefficients.DETAIL);
        return String.format(Locale.ROOT, "%d feature vectors of %d features (%s), classes: %s", output.count(),
                output.width(), coefficients.name().toLowerCase(Locale.ROOT), Labels.summary(output));
    }
}
