package org.eegworkflow.eeg.dsp;

import java.util.List;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FirFilterTest {
    @Test
    void filtersAsMneDoesIncludingSignalsShorterThanTheKernel() {
        List<MneCases.Case> cases = MneCases.of("filtered");
        assertEquals(6, cases.size());
        Agreement agreement = new Agreement("filter_data, synthetic signals", 1e-9, 1e-12);
        for (MneCases.Case c : cases) {
            double[] kernel = FirDesign.kernel(c.samplingRate(), c.low(), c.high());
            agreement.check(c.toString(), c.values(), FirFilter.apply(c.signal(), kernel));
        }
        agreement.report();
    }

    @Test
    void keepsThePassBandAndRemovesTheStopBands() {
        double rate = 250;
        int n = 5000;
        double[] passBand = sine(10, rate, n);
        double[] x = new double[n];
        // a DC offset and a linear drift: the 1 Hz high-pass has its stop band at 0 Hz only, and a symmetric kernel
        // with no gain at DC removes straight lines too
        double[] slowDrift = new double[n];
        for (int i = 0; i < n; i++) {
            slowDrift[i] = 0.001 * i;
        }
        double[] lineNoise = sine(80, rate, n);
        for (int i = 0; i < n; i++) {
            x[i] = 5 + 3 * slowDrift[i] + passBand[i] + 2 * lineNoise[i];
        }
        double[] y = FirFilter.apply(x, FirDesign.kernel(rate, 1., 40.));
        // away from the edges only the 10 Hz sine is left
        for (int i = 1000; i < n - 1000; i++) {
            assertEquals(passBand[i], y[i], 0.01, "sample " + i);
        }
        double[] lowPassed = FirFilter.apply(x, FirDesign.kernel(rate, null, 40.));
        for (int i = 1000; i < n - 1000; i++) {
            assertEquals(5 + 3 * slowDrift[i] + passBand[i], lowPassed[i], 0.01, "sample " + i);
        }
        double[] highPassed = FirFilter.apply(x, FirDesign.kernel(rate, 1., null));
        for (int i = 1000; i < n - 1000; i++) {
            assertEquals(passBand[i] + 2 * lineNoise[i], highPassed[i], 0.02, "sample " + i);
        }
    }

    @Test
    void leavesItsInputAloneAndHandlesTinySignals() {
        double[] kernel = FirDesign.kernel(100, 4., null);
        double[] x = {1, 2, 3};
        double[] copy = x.clone();
        double[] y = FirFilter.apply(x, kernel);
        assertArrayEquals(copy, x);
        assertEquals(3, y.length);
        assertEquals(0, FirFilter.apply(new double[0], kernel).length);
        assertArrayEquals(new double[] {1.5, 3}, FirFilter.apply(new double[] {1, 2}, new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> FirFilter.apply(x, new double[] {0.5, 0.5}));
    }

    @Test
    void filtersEegChannelsOnlyOverAllCores() {
        int channels = 7;
        int n = 3000;
        double[][] rows = new double[channels][];
        List<ChannelKind> kinds = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < channels; c++) {
            rows[c] = java.util.Arrays.copyOf(MneCases.Case.signal(n + 10 * c), n);
            kinds.add(c == 2 || c == 5 ? ChannelKind.MISC : ChannelKind.EEG);
            names.add("ch" + c);
        }
        EegData data = new EegData("synthetic", RecordingFormat.EDF, 250, names, kinds, rows, List.of());
        EegData filtered = FirFilter.filter(data, 1., 40.);
        double[] kernel = FirDesign.kernel(250, 1., 40.);
        for (int c = 0; c < channels; c++) {
            if (kinds.get(c) == ChannelKind.MISC) {
                assertArrayEquals(rows[c], filtered.data()[c], 0.);
            } else {
                assertNotSame(rows[c], filtered.data()[c]);
                // the parallel path gives exactly what one channel alone gives
                assertArrayEquals(FirFilter.apply(rows[c], kernel), filtered.data()[c], 0.);
            }
        }
        assertEquals(names, filtered.channelNames());
        assertEquals(250, filtered.samplingRate());
        FirDesignTest.assertMessage(() -> FirFilter.filter(data, 200., null), "Low Cutoff Frequency", "125 Hz");
    }

    @Test
    void fftLengthFollowsMnesCostModel() {
        // what MNE's _overlap_add_filter picks for these input lengths and kernels (numpy, same formula)
        assertEquals(4096, OverlapAdd.fftLength(8102, 1691));
        assertEquals(8192, OverlapAdd.fftLength(6412, 1691));
        assertEquals(4096, OverlapAdd.fftLength(20528, 529));
        assertEquals(4096, OverlapAdd.fftLength(576528, 529));
        assertEquals(16384, OverlapAdd.fftLength(1_000_000, 1691));
        assertEquals(131072, OverlapAdd.fftLength(1_000_000, 33001));
        assertEquals(8192, OverlapAdd.fftLength(14500, 3301));
        // shorter than two kernels: one block
        assertEquals(4096, OverlapAdd.fftLength(100 + 2 * 99, 1691));
    }

    private static double[] sine(double frequency, double rate, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.sin(2 * Math.PI * frequency * i / rate);
        }
        return s;
    }
}
