package org.eegworkflow.eeg.dsp;

import java.util.List;

import org.eegworkflow.eeg.EegTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirDesignTest {
    /** Kernel taps are around 1e-3..1e-1; the far tails of the Hamming window reach 1e-8, rounding noise 1e-18. */
    private static final double TAP_FLOOR = 1e-15;

    @ParameterizedTest
    @CsvSource({"mne_test, 1000, 3301", "eeguana_f32, 512, 1691", "eeguana_i16, 512, 1691",
            "eeguana_edfplus, 512, 1691"})
    void bandPassIsMnesKernel(String prefix, double samplingRate, int length) {
        double[] expected = MneCases.column(EegTestData.file("reference/" + prefix + "_fir_kernel.txt"));
        double[] kernel = FirDesign.kernel(samplingRate, 1., 40.);
        assertEquals(length, kernel.length);
        Agreement agreement = new Agreement(prefix + " FIR kernel", 1e-6, TAP_FLOOR);
        agreement.check("tap", expected, kernel);
        agreement.report();
        assertTrue(agreement.worstRelative() < 1e-9, "kernels should agree to rounding");
    }

    @Test
    void lowPassHighPassAndOtherRatesAreMnesKernels() {
        List<MneCases.Case> cases = MneCases.of("kernel");
        assertEquals(7, cases.size());
        Agreement agreement = new Agreement("other FIR kernels", 1e-6, TAP_FLOOR);
        for (MneCases.Case c : cases) {
            double[] kernel = FirDesign.kernel(c.samplingRate(), c.low(), c.high());
            agreement.check(c.toString(), c.values(), kernel);
        }
        agreement.report();
    }

    @Test
    void kernelsAreSymmetricAndHaveTheRightGainAtDc() {
        double[] bandPass = FirDesign.kernel(250, 1., 40.);
        double[] lowPass = FirDesign.kernel(250, null, 30.);
        double[] highPass = FirDesign.kernel(250, 0.5, null);
        for (double[] h : List.of(bandPass, lowPass, highPass)) {
            assertEquals(1, h.length % 2);
            for (int i = 0; i < h.length / 2; i++) {
                assertEquals(h[i], h[h.length - 1 - i], 1e-15);  // as in MNE, symmetric to rounding
            }
        }
        assertEquals(0, sum(bandPass), 1e-12);
        assertEquals(1, sum(lowPass), 1e-12);
        assertEquals(0, sum(highPass), 1e-12);
        // the length follows the narrowest transition band: 7.5 Hz for the 30 Hz low-pass, 0.5 Hz for 0.5 Hz
        assertEquals(111, lowPass.length);
        assertEquals(1651, highPass.length);
    }

    @Test
    void refusesMissingOrImpossibleCutoffs() {
        assertMessage(() -> FirDesign.kernel(250, null, null), "Low Cutoff Frequency", "High Cutoff Frequency");
        assertMessage(() -> FirDesign.kernel(250, 0., 40.), "Low Cutoff Frequency", "125 Hz");
        assertMessage(() -> FirDesign.kernel(250, -1., null), "Low Cutoff Frequency", "greater than 0");
        assertMessage(() -> FirDesign.kernel(250, 1., 125.), "High Cutoff Frequency", "Nyquist", "125 Hz");
        assertMessage(() -> FirDesign.kernel(250, null, 300.), "High Cutoff Frequency", "125 Hz");
        assertMessage(() -> FirDesign.kernel(250, 130., null), "Low Cutoff Frequency", "125 Hz");
        assertMessage(() -> FirDesign.kernel(250, 40., 1.), "Low Cutoff Frequency (40 Hz)",
                "High Cutoff Frequency (1 Hz)");
        assertMessage(() -> FirDesign.kernel(250, 10., 10.), "must be below");
        assertMessage(() -> FirDesign.kernel(250, Double.NaN, null), "Low Cutoff Frequency");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message \"" + e.getMessage() + "\" lacks " + part);
        }
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
