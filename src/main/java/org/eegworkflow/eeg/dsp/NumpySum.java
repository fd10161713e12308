package org.eegworkflow.eeg.dsp;

/**
 * Sums added in the order numpy adds them, so that means and norms agree with MNE-Python to the last bit or two
 * rather than to a few hundred ulps on long rows.
 */
final class NumpySum {
    /** numpy's PW_BLOCKSIZE: below it a row is summed with eight interleaved accumulators. */
    private static final int BLOCK = 128;

    private NumpySum() {
    }

    /** {@code np.add.reduce} over a contiguous row: numpy's pairwise summation. */
    static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i;
            int end = n - (n % 8);
            for (i = 8; i < end; i += 8) {
                int k = from + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            // split in two halves, the first a multiple of the unroll factor, as numpy does
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
        }
    }

    /** {@code np.mean} over a contiguous row. */
    static double mean(double[] a, int from, int n) {
        return pairwise(a, from, n) / n;
    }

    /** {@code np.linalg.norm} of a vector along a contiguous axis: the square root of the pairwise sum of squares. */
    static double norm(double[] a) {
        double[] squares = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            squares[i] = a[i] * a[i];
        }
        return Math.sqrt(pairwise(squares, 0, squares.length));
    }
}
