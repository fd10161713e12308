package org.eegworkflow.eeg.dsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.FeatureVectors;

/**
 * The Haar (Daubechies 1) discrete wavelet transform of PyWavelets, {@code pywt.dwt(x, 'db1')} in its default
 * {@code symmetric} mode, repeated on the approximation for several levels ({@code pywt.wavedec(x, 'db1', level=n)}),
 * and the feature vectors built from it: the coefficients themselves, or the log energy of each detail level.
 *
 * <p>Level {@code k} of the detail coefficients holds roughly the band {@code fs / 2^(k+1)} to {@code fs / 2^k}: at
 * 160 Hz D1 is 40-80 Hz, D2 20-40 Hz (beta), D3 10-20 Hz (mu and low beta), D4 5-10 Hz (theta and low mu).
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
        return features(epochs, detail, 1);
    }

    /**
     * The Haar transform repeated {@code levels} times, each time on the previous approximation, as
     * {@code pywt.wavedec(x, 'db1', level=levels)}.
     *
     * @return {@code levels + 1} arrays: the details {@code cD1} (finest) to {@code cD<levels>}, then the last
     *         approximation {@code cA<levels>} (the reverse of pywt's list order)
     * @throws IllegalArgumentException when {@code levels} is below 1
     */
    public static double[][] wavedec(double[] x, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("wavelet Levels must be 1 or more, not " + levels);
        }
        double[][] out = new double[levels + 1][];
        double[] approximation = x;
        for (int level = 0; level < levels; level++) {
            double[][] split = dwt(approximation);
            out[level] = split[1];
            approximation = split[0];
        }
        out[levels] = approximation;
        return out;
    }

    /**
     * As {@link #features(Epochs, boolean)}, but with the coefficients of the last of {@code levels} levels: the
     * approximation {@code cA<levels>} or the detail {@code cD<levels>}. One level is the single-level transform.
     *
     * @throws IllegalArgumentException for an average, epochs without EEG channels, or too many levels for the epoch
     */
    public static FeatureVectors features(Epochs epochs, boolean detail, int levels) {
        checkLevels(epochs, levels);
        int[] picks = epochs.channelsOfKind(ChannelKind.EEG);
        int half = epochs.timeCount();
        for (int level = 0; level < levels; level++) {
            half = (half + 1) / 2;
        }
        double[][] features = new double[epochs.epochCount()][];
        for (int e = 0; e < features.length; e++) {
            double[] vector = new double[picks.length * half];
            for (int c = 0; c < picks.length; c++) {
                double[][] transform = wavedec(epochs.epochRow(e, picks[c]), levels);
                double[] coefficients = detail ? transform[levels - 1] : transform[levels];
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
        return labelled(epochs, features);
    }

    /**
     * Band power features: for each EEG channel, each detail level from {@code firstLevel} to {@code levels} and each
     * of {@code windows} equal consecutive parts of that level's coefficients, the natural log of their mean square
     * (channel-major, then level, then window). A decrease of mu or beta power over one hemisphere, the trace of a
     * hand movement, shows as a drop of these values in the matching levels; the waveform's phase, which has
     * nothing to do with the movement, is discarded. Values are not normalised (the classifiers standardise them).
     *
     * @param levels     how many times the transform is applied, 1 or more
     * @param firstLevel the finest detail level kept, 1 to {@code levels} (2 leaves out 40-80 Hz at 160 Hz, where
     *                   muscle activity and 50/60 Hz mains sit)
     * @param windows    how many time windows each level is split into, 1 or more (each must keep a coefficient)
     * @throws IllegalArgumentException for an average, epochs without EEG channels, a level or window count that does
     *                                  not fit the epoch, or a channel whose coefficients are all zero in some window
     *                                  (a flat channel: its log energy would be minus infinity)
     */
    public static FeatureVectors logEnergyFeatures(Epochs epochs, int levels, int firstLevel, int windows) {
        checkLevels(epochs, levels);
        if (firstLevel < 1 || firstLevel > levels) {
            throw new IllegalArgumentException("the First Level of the details must be between 1 and the number of levels ("
                    + levels + "), not " + firstLevel);
        }
        int coarsest = epochs.timeCount();
        for (int level = 0; level < levels; level++) {
            coarsest = (coarsest + 1) / 2;
        }
        if (windows < 1 || windows > coarsest) {
            throw new IllegalArgumentException("the number of time Windows must be between 1 and " + coarsest
                    + " (the coefficients of level " + levels + " for epochs of " + epochs.timeCount()
                    + " samples), not " + windows);
        }
        int[] picks = epochs.channelsOfKind(ChannelKind.EEG);
        int kept = levels - firstLevel + 1;
        double[][] features = new double[epochs.epochCount()][];
        for (int e = 0; e < features.length; e++) {
            double[] vector = new double[picks.length * kept * windows];
            int k = 0;
            for (int c = 0; c < picks.length; c++) {
                double[][] transform = wavedec(epochs.epochRow(e, picks[c]), levels);
                for (int level = firstLevel; level <= levels; level++) {
                    double[] d = transform[level - 1];
                    for (int w = 0; w < windows; w++) {
                        // numpy.array_split's boundaries, so every coefficient is in exactly one window
                        int from = (int) ((long) d.length * w / windows);
                        int to = (int) ((long) d.length * (w + 1) / windows);
                        double sum = 0;
                        for (int i = from; i < to; i++) {
                            sum += d[i] * d[i];
                        }
                        if (!(sum > 0)) {
                            throw new IllegalArgumentException("channel " + epochs.channelNames().get(picks[c])
                                    + " of " + epochs.source() + " is flat in epoch " + (e + 1) + " (no power in"
                                    + " wavelet detail level " + level + (windows > 1 ? ", window " + (w + 1) : "")
                                    + "), so its log energy is undefined; leave it out with ChannelSelection");
                        }
                        vector[k++] = Math.log(sum / (to - from));
                    }
                }
            }
            features[e] = vector;
        }
        return labelled(epochs, features);
    }

    private static void checkLevels(Epochs epochs, int levels) {
        if (epochs.averaged()) {
            throw new IllegalArgumentException("Wavelet features need single epochs, one per event; " + epochs.source()
                    + " gives an average of " + epochs.nave() + " epochs");
        }
        int[] picks = epochs.channelsOfKind(ChannelKind.EEG);
        if (picks.length == 0) {
            throw new IllegalArgumentException("The epochs of " + epochs.source() + " have no EEG channels to compute"
                    + " wavelet features from");
        }
        if (levels < 1) {
            throw new IllegalArgumentException("wavelet Levels must be 1 or more, not " + levels);
        }
        // each level halves the signal; below 2 samples a further level has nothing left to split
        if (levels > 1 && epochs.timeCount() < (1L << levels)) {
            throw new IllegalArgumentException(levels + " wavelet levels need epochs of at least " + (1L << levels)
                    + " samples; those of " + epochs.source() + " have " + epochs.timeCount());
        }
    }

    private static FeatureVectors labelled(Epochs epochs, double[][] features) {
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
