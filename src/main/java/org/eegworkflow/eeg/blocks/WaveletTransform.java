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
 * One feature vector per epoch from a Haar ({@code db1}) wavelet transform of each EEG channel. With the defaults
 * (one level, COEFFICIENTS) the chosen coefficients of all channels concatenated and scaled to unit length
 * ({@code pywt.dwt(x, 'db1')}). With {@code Features = LOG_ENERGY}, the log band power of each channel in each
 * detail level from {@code First Level} to {@code Levels} (and each of {@code Windows} time windows): the features
 * for left/right hand movements, whose trace is a drop of mu/beta power over the opposite motor cortex. At 160 Hz the
 * detail levels are D1 40-80 Hz, D2 20-40 Hz, D3 10-20 Hz, D4 5-10 Hz; for example {@code Levels 4, First Level 2}
 * keeps beta and mu.
 */
@BlockType(name = "WaveletTransform", family = "FeatureExtraction", memoryMb = 512,
        description = "db1 wavelet transform per EEG channel. COEFFICIENTS (default): coefficients concatenated,"
                + " L2-normalised per epoch. LOG_ENERGY: log mean square of each detail level per channel.")
public class WaveletTransform {

    /** Which half of the transform becomes the features, for {@link Features#COEFFICIENTS}. */
    public enum Coefficients {
        /** The low-pass half, cA: the signal's shape at half the sampling rate. */
        APPROXIMATION,
        /** The high-pass half, cD: what the approximation leaves out (the old system's choice). */
        DETAIL
    }

    /** What is computed from the coefficients. */
    public enum Features {
        /** The coefficients of the last level themselves, all channels concatenated, L2-normalised per epoch. */
        COEFFICIENTS,
        /** The natural log of the mean square of each channel's detail coefficients, per level and time window. */
        LOG_ENERGY
    }

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs epochs;

    /**
     * Optional, default APPROXIMATION. Which coefficients of the last level to keep: APPROXIMATION or DETAIL. Used by
     * COEFFICIENTS only (LOG_ENERGY always uses the detail levels).
     */
    @BlockProperty(name = "Coefficients", type = Types.STRING, defaultValue = "APPROXIMATION",
            description = "APPROXIMATION (cA, default) or DETAIL (cD) of the last level; for Features COEFFICIENTS.")
    Coefficients coefficients = Coefficients.APPROXIMATION;

    /** Optional, default COEFFICIENTS (the single-level transform's coefficients). Example: LOG_ENERGY. */
    @BlockProperty(name = "Features", type = Types.STRING, defaultValue = "COEFFICIENTS",
            description = "COEFFICIENTS (default): the coefficients, L2-normalised. LOG_ENERGY: log mean square of"
                    + " each channel's detail coefficients per level (band power).")
    Features features = Features.COEFFICIENTS;

    /** Optional, default 1. How many times the transform is applied (each time on the approximation); example 4. */
    @BlockProperty(name = "Levels", type = Types.NUMBER, defaultValue = "1",
            description = "Transform levels, 1 or more (each on the previous approximation). Level k covers about"
                    + " fs/2^(k+1) to fs/2^k Hz: at 160 Hz, 4 levels give 40-80, 20-40, 10-20, 5-10 Hz.")
    int levels = 1;

    /** Optional, default 1. LOG_ENERGY only: the finest detail level kept, 1 to Levels; example 2 (drops 40-80 Hz). */
    @BlockProperty(name = "First Level", type = Types.NUMBER, defaultValue = "1",
            description = "LOG_ENERGY only: the finest detail level kept (1 to Levels); 2 leaves out level 1, where"
                    + " muscle activity and mains noise sit.")
    int firstLevel = 1;

    /** Optional, default 1. LOG_ENERGY only: equal time windows per level, each with its own value; example 2. */
    @BlockProperty(name = "Windows", type = Types.NUMBER, defaultValue = "1",
            description = "LOG_ENERGY only: how many equal time windows each level's coefficients are split into.")
    int windows = 1;

    @BlockOutput(name = "FeatureVector", type = EegTypes.FEATURE_VECTOR)
    FeatureVectors output;

    @BlockExecute
    public String execute() {
        if (features == Features.LOG_ENERGY) {
            output = HaarWavelet.logEnergyFeatures(epochs, levels, firstLevel, windows);
            return String.format(Locale.ROOT, "%d feature vectors of %d features (log energy of detail levels"
                    + " %d-%d, %d window%s), classes: %s", output.count(), output.width(), firstLevel, levels,
                    windows, windows == 1 ? "" : "s", Labels.summary(output));
        }
        if (firstLevel != 1 || windows != 1) {
            throw new IllegalArgumentException("properties 'First Level' and 'Windows' apply to Features LOG_ENERGY"
                    + " only; set Features to LOG_ENERGY or leave them at 1");
        }
        output = HaarWavelet.features(epochs, coefficients == Coefficients.DETAIL, levels);
        return String.format(Locale.ROOT, "%d feature vectors of %d features (%s%s), classes: %s", output.count(),
                output.width(), coefficients.name().toLowerCase(Locale.ROOT),
                levels == 1 ? "" : " of level " + levels, Labels.summary(output));
    }
}
