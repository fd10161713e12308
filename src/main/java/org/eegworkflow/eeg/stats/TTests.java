package org.eegworkflow.eeg.stats;

/**
 * One-sample t-tests over subjects, element by element, as scipy 1.10's {@code stats.ttest_1samp(x, 0, axis=0)}
 * (two-sided): the mean and the variance with {@code ddof=1} added subject after subject as numpy reduces the first
 * axis, {@code t = mean / sqrt(var / n)}, {@code p = 2 stdtr(n - 1, -|t|)}. A paired test is the one-sample test
 * of the differences, as {@code ttest_rel} is.
 */
public final class TTests {

    /** t and two-sided p per element. */
    public record Result(double[] mean, double[] t, double[] p) {
    }

    private TTests() {
    }

    /** @param x subjects x elements */
    public static Result oneSample(double[][] x) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a t-test needs at least 2 subjects, not " + n);
        }
        int m = x[0].length;
        double[] mean = new double[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            mean[j] /= n;
        }
        double[] var = new double[m];
        for (double[] row : x) {
            for (int j = 0; j < m; j++) {
                double d = row[j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] t = new double[m];
        double[] p = new double[m];
        for (int j = 0; j < m; j++) {
            // scipy's _var: the second central moment, then times n / (n - ddof)
            double v = var[j] / n * ((double) n / (n - 1));
            t[j] = mean[j] / Math.sqrt(v / n);
            p[j] = Double.isNaN(t[j]) ? Double.NaN : 2 * StudentT.cdf(-Math.abs(t[j]), n - 1);
        }
        return new Result(mean, t, p);
    }

    /** @param a subjects x elements, @param b the same subjects' other condition */
    public static Result paired(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a paired test needs the same subjects in both conditions: "
                    + a.length + " and " + b.length);
        }
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] = a[i][j] - b[i][j];
            }
        }
        return oneSample(d);
    }

    /**
     * Benjamini-Hochberg FDR as {@code mne.stats.fdr_correction(p, alpha, method='indep')}: which p-values are
     * rejected, and the corrected p-values (p n / rank, made monotone from the top, at most 1).
     */
    public static boolean[] fdr(double[] p, double alpha, double[] corrected) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
        boolean[] reject = new boolean[n];
        int last = -1;
        for (int k = 0; k < n; k++) {
            double factor = (k + 1) / (double) n;
            if (p[order[k]] < factor * alpha) {
                last = k;
            }
        }
        for (int k = 0; k <= last; k++) {
            reject[order[k]] = true;
        }
        double running = Double.POSITIVE_INFINITY;
        for (int k = n - 1; k >= 0; k--) {
            double factor = (k + 1) / (double) n;
            running = Math.min(running, p[order[k]] / factor);
            corrected[order[k]] = Math.min(running, 1.0);
        }
        return reject;
    }
}
