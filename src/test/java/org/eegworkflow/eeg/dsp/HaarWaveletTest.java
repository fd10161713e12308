package org.eegworkflow.eeg.dsp;

import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.junit.jupiter.api.Test;

import static org.eegworkflow.eeg.dsp.FirDesignTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HaarWaveletTest {
    /** The values {@code pywt.dwt(x, 'db1')} (PyWavelets 1.1.1) prints, to the last bit. */
    @Test
    void isPywtsDb1ForEvenAndOddLengths() {
        assertDwt(new double[] {1, 2, 3}, new double[] {2.121320343559643, 4.242640687119286},
                new double[] {-0.7071067811865476, 0.0});
        assertDwt(new double[] {1.5, -2.25, 3.0, 7.0}, new double[] {-0.5303300858899107, 7.0710678118654755},
                new double[] {2.6516504294495533, -2.82842712474619});
        assertDwt(new double[] {0.1, 0.2, 0.3, 0.4, 0.5},
                new double[] {0.21213203435596428, 0.4949747468305833, 0.7071067811865476},
                new double[] {-0.07071067811865477, -0.07071067811865481, 0.0});
        assertDwt(new double[] {4}, new double[] {5.656854249492381}, new double[] {0});
        assertDwt(new double[0], new double[0], new double[0]);
    }

    private static void assertDwt(double[] x, double[] approximation, double[] detail) {
        double[][] result = HaarWavelet.dwt(x);
        assertArrayEquals(approximation, result[0], 0.);
        assertArrayEquals(detail, result[1], 0.);
    }

    @Test
    void featuresConcatenateEegChannelsAndAreUnitVectors() {
        double[][][] data = {
                {{1, 2, 3}, {100, 100, 100}, {3, 1, 0}},
                {{0, 0, 0}, {5, 5, 5}, {0, 0, 0}},
                {{1, 1, 1}, {0, 0, 0}, {-1, -1, -1}}};
        Epochs epochs = new Epochs("x.vhdr", 100, List.of("Cz", "EOG", "Pz"),
                List.of(ChannelKind.EEG, ChannelKind.MISC, ChannelKind.EEG), new double[] {-0.01, 0, 0.01}, data,
                new int[] {10, 20, 30}, new int[] {1255, 7, 1255}, Map.of("Stimulus/S  7", 7), false, 1);
        FeatureVectors features = HaarWavelet.features(epochs, false);
        assertEquals(3, features.count());
        assertEquals(4, features.width());
        double s = HaarWavelet.TAP;
        double[] raw = {s * 3, s * 6, s * 4, s * 0};
        double norm = Math.sqrt(raw[0] * raw[0] + raw[1] * raw[1] + raw[2] * raw[2]);
        assertArrayEquals(new double[] {raw[0] / norm, raw[1] / norm, raw[2] / norm, 0}, features.features()[0],
                1e-15);
        assertArrayEquals(new double[4], features.features()[1]);  // a zero vector stays zero
        double half = Math.sqrt(0.25);
        assertArrayEquals(new double[] {half, half, -half, -half}, features.features()[2], 1e-15);
        assertArrayEquals(new int[] {1255, 7, 1255}, features.eventIds());
        assertEquals(List.of("Stimulus/S  7", "1255"), features.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, features.labels());

        FeatureVectors details = HaarWavelet.features(epochs, true);
        double[] rawDetail = {-s, 0, s * 2, 0};
        double detailNorm = Math.sqrt(5 * s * s);
        assertArrayEquals(new double[] {rawDetail[0] / detailNorm, 0, rawDetail[2] / detailNorm, 0},
                details.features()[0], 1e-15);
    }

    @Test
    void refusesAnAverage() {
        Epochs evoked = new Epochs("x.vhdr", 100, List.of("Cz"), List.of(ChannelKind.EEG), new double[] {0, 0.01},
                new double[][][] {{{1, 2}}}, new int[0], new int[0], Map.of(), true, 12);
        assertMessage(() -> HaarWavelet.features(evoked, false), "single epochs", "average of 12");
    }

    /** {@code pywt.wavedec(x, 'db1', level=2)} prints {@code [cA2, cD2, cD1]}; ours come finest first. */
    @Test
    void multiLevelIsPywtsWavedec() {
        double[][] levels = HaarWavelet.wavedec(new double[] {1.5, -2.25, 3.0, 7.0, 0.5, -1.0, 2.0}, 2);
        assertEquals(3, levels.length);
        assertArrayEquals(new double[] {2.6516504294495533, -2.82842712474619, 1.0606601717798214, 0.0}, levels[0],
                0.);
        assertArrayEquals(new double[] {-5.375000000000001, -2.2500000000000004}, levels[1], 0.);
        assertArrayEquals(new double[] {4.625000000000001, 1.7500000000000004}, levels[2], 0.);
        assertMessage(() -> HaarWavelet.wavedec(new double[4], 0), "Levels", "1 or more");
    }

    private static Epochs twoChannels(double[][][] data) {
        double[] times = new double[data[0][0].length];
        return new Epochs("x.edf", 160, List.of("C3..", "EOG", "C4.."),
                List.of(ChannelKind.EEG, ChannelKind.MISC, ChannelKind.EEG), times, data, new int[data.length],
                new int[] {2, 3}, Map.of("T1", 2, "T2", 3), false, 1);
    }

    @Test
    void oneLevelIsTheSingleLevelTransformAndMoreLevelsKeepTheLast() {
        double[][][] data = {
                {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 9, 9, 9, 9, 9, 9, 9}, {8, 1, 6, 3, 4, 5, 2, 7}},
                {{0, 1, 0, 1, 0, 1, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 0}, {1, 1, 2, 2, 1, 1, 2, 2}}};
        Epochs epochs = twoChannels(data);
        for (boolean detail : new boolean[] {false, true}) {
            FeatureVectors one = HaarWavelet.features(epochs, detail);
            FeatureVectors same = HaarWavelet.features(epochs, detail, 1);
            for (int e = 0; e < 2; e++) {
                assertArrayEquals(one.features()[e], same.features()[e], 0.);
            }
        }
        FeatureVectors second = HaarWavelet.features(epochs, true, 2);
        assertEquals(4, second.width());
        double[] raw = new double[4];
        System.arraycopy(HaarWavelet.wavedec(data[1][0], 2)[1], 0, raw, 0, 2);
        System.arraycopy(HaarWavelet.wavedec(data[1][2], 2)[1], 0, raw, 2, 2);
        double norm = Math.sqrt(raw[0] * raw[0] + raw[1] * raw[1] + raw[2] * raw[2] + raw[3] * raw[3]);
        for (int i = 0; i < 4; i++) {
            raw[i] /= norm;
        }
        assertArrayEquals(raw, second.features()[1], 1e-15);
        assertMessage(() -> HaarWavelet.features(epochs, false, 4), "4 wavelet levels", "at least 16 samples",
                "have 8");
    }

    @Test
    void logEnergyIsTheLogMeanSquareOfEachDetailLevelAndWindow() {
                double[][][] data = {
                {{1, -1, 1, -1, 1, -1, 1, -1}, {5, 5, 5, 5, 5, 5, 5, 5}, {1, 1, -1, -1, 1, 1, -1, -1}},
                {{3, 1, 1, 1, 0, 2, 2, 2}, {0, 0, 0, 0, 0, 0, 0, 0}, {2, 0, 1, 2, 2, 0, 0, 3}}};
        Epochs epochs = twoChannels(data);
        // C3 of epoch 1 alternates: all its power is in D1 and its approximation, hence D2, is flat
        assertMessage(() -> HaarWavelet.logEnergyFeatures(epochs, 2, 1, 1), "channel C3..", "epoch 1", "level 2",
                "ChannelSelection");
        double[][] second = {HaarWavelet.wavedec(data[1][0], 2)[0], HaarWavelet.wavedec(data[1][0], 2)[1],
                HaarWavelet.wavedec(data[1][2], 2)[0], HaarWavelet.wavedec(data[1][2], 2)[1]};
        FeatureVectors windowed = HaarWavelet.logEnergyFeatures(twoChannels(new double[][][] {data[1], data[1]}), 2,
                1, 2);
        assertEquals(8, windowed.width());
        assertEquals(List.of("T1", "T2"), windowed.classNames());
        assertArrayEquals(new int[] {0, 1}, windowed.labels());
        double[] expected = new double[8];
        int k = 0;
        for (double[] d : second) {
            int half = d.length / 2;
            double a = 0;
            double b = 0;
            for (int i = 0; i < d.length; i++) {
                if (i < half) {
                    a += d[i] * d[i];
                } else {
                    b += d[i] * d[i];
                }
            }
            expected[k++] = Math.log(a / half);
            expected[k++] = Math.log(b / (d.length - half));
        }
        assertArrayEquals(expected, windowed.features()[0], 1e-15);
        // D1 of C3, first window: (3 - 1)/sqrt2 and (1 - 1)/sqrt2, mean square 1
        assertEquals(0, windowed.features()[0][0], 1e-15);
        assertMessage(() -> HaarWavelet.logEnergyFeatures(epochs, 2, 3, 1), "First Level", "between 1 and", "3");
        assertMessage(() -> HaarWavelet.logEnergyFeatures(epochs, 2, 1, 3), "Windows", "between 1 and 2");
    }
}
