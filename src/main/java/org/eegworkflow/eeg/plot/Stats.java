package org.eegworkflow.eeg.plot;

import java.util.Arrays;

/** Robust statistics for choosing scales: medians and percentiles of (sub)samples. */
final class Stats {
    private Stats() {
    }

    /**
     * The q-quantile (0..1) of the first {@code n} values, by linear interpolation as numpy's default does; sorts
     * those values in place. NaN when n is 0.
     */
    static double quantileInPlace(double[] values, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return quantileSorted(values, n, q);
    }

    /** The q-quantile (0..1) of the first n values, which are sorted ascending; NaN when n is 0. */
    static double quantileSorted(double[] values, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return values[lo] + (values[hi] - values[lo]) * (pos - lo);
    }

    /** The median of the finite values among the first n (copied, not reordered); NaN when there are none. */
    static double median(double[] values, int n) {
        double[] copy = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(values[i])) {
                copy[m++] = values[i];
            }
        }
        return quantileInPlace(copy, m, 0.5);
    }
}
