package org.eegworkflow.eeg.dsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.FeatureVectors;

/**
 * The single-level Haar (Daubechies 1) discrete wavelet transform of PyWavelets, {@code pywt.dwt(x, 'db1')} in its
 * default {@code symmetric} mode, and the feature vectors built from it.
 */
public final class HaarWavelet {
    /** pywt's db1 filter tap, 1/sqrt(2) as the nearest double. */
    static final double TAP = 0.7071067811865476;

    private HaarWavelet() {
    }

    /**
     * One level of the Haar transform. For an odd length the last sample is repeated (symmetric extension), so both
     * halves have {@code ceil(n / 2)} coefficients.
     *
     * @return {@code {cA, cD}}: {@code cA[i] = (x[2i] + x[2i+1]) / sqrt 2}, {@code cD[i] = (x[2i] - x[2i+1]) / sqrt 2}
     */
    public static double[][] dwt(double[] x) {
        int n = x.length;
        int half = (n + 1) / 2;
        double[] approximation = new double[half];
        double[] detail = new double[half];
        for (int i = 0; i < half; i++) {
            double even = x[2 * i];
            double odd = 2 * i + 1 < n ? x[2 * i + 1] : even;
            // the products are rounded separately, as pywt's convolution rounds them
            approximation[i] = TAP * even + TAP * odd;
            detail[i] = TAP * even - TAP * odd;
        }
        return new double[][] {approximation, detail};
    }

    /**
     * One feature vector per epoch: for each EEG channel in order its approximation coefficients (or its detail
     * coefficients), concatenated, then divided by the vector's Euclidean norm (an all-zero vector stays zero).
     *
     * @param detail false for the approximation coefficients cA, true for the detail coefficients cD
     * @return the vectors, labelled by event: classes are the distinct event ids in ascending order, each named by its
     *         marker description (or by the number when it has none)
     * @throws IllegalArgumentException for an average (it has no events) or epochs without EEG channels
     */
    public static FeatureVectors features(Epochs epochs, boolean detail) {
        if (epochs.averaged()) {
            throw new IllegalArgumentException("Wavelet features need single epochs, one per event; " + epochs.source()
                    + " gives an average of " + epochs.nave() + " epochs");
        }
        int[] picks = epochs.channelsOfKind(ChannelKind.EEG);
        if (picks.length == 0) {
            throw new IllegalArgumentException("The epochs of " + epochs.source() + " have no EEG channels to compute"
                    + " wavelet features from");
        }
        int half = (epochs.timeCount() + 1) / 2;
        double[][] features = new double[epochs.epochCount()][];
        for (int e = 0; e < features.length; e++) {
            double[] vector = new double[picks.length * half];
            for (int c = 0; c < picks.length; c++) {
                double[] coefficients = dwt(epochs.data()[e][picks[c]])[detail ? 1 : 0];
                System.arraycopy(coefficients, 0, vector, c * half, half);
            }
            double norm = NumpySum.norm(vector);
            if (norm > 0) {
                for (int i = 0; i < vector.length; i++) {
                    vector[i] /= norm;
                }
            }
            features[e] = vector;
        }
        int[] eventIds = epochs.eventIds().clone();
        int[] classes = Arrays.stream(eventIds).distinct().sorted().toArray();
        int[] labels = new int[eventIds.length];
        for (int e = 0; e < eventIds.length; e++) {
            labels[e] = Arrays.binarySearch(classes, eventIds[e]);
        }
        List<String> names = new ArrayList<>();
        for (int id : classes) {
            names.add(nameOf(id, epochs.idsByDescription()));
        }
        return new FeatureVectors(features, eventIds, labels, names);
    }

    private static String nameOf(int id, Map<String, Integer> idsByDescription) {
        for (Map.Entry<String, Integer> entry : idsByDescription.entrySet()) {
            if (entry.getValue() == id) {
                return entry.getKey();
            }
        }
        return Integer.toString(id);
    }
}
