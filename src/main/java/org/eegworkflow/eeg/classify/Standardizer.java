package org.eegworkflow.eeg.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Centres each feature on its training mean and scales it by its training standard deviation. Both classifiers
 * keep one, fitted on the rows they were trained on only, so gradient steps suit every feature alike whatever its
 * unit (DWT coefficients in volts are around 1e-5) and nothing about test rows leaks into training.
 */
final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    Standardizer(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("standardiser: " + mean.length + " means but " + scale.length
                    + " scales");
        }
        this.mean = mean;
        this.scale = scale;
    }

    /** Means and population standard deviations of the columns; a constant column is scaled by 1. */
    static Standardizer fit(double[][] x) {
        int width = x[0].length;
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= x.length;
        }
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < width; j++) {
            double sd = Math.sqrt(scale[j] / x.length);
            // a column that is constant up to rounding carries no information; dividing by its sd would blow noise up
            scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
        }
        return new Standardizer(mean, scale);
    }

    int width() {
        return mean.length;
    }

    double[] apply(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - mean[j]) / scale[j];
        }
        return out;
    }

    double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        ArrayIo.writeDoubles(out, mean);
        ArrayIo.writeDoubles(out, scale);
    }

    static Standardizer read(DataInput in) throws IOException {
        double[] mean = ArrayIo.readDoubles(in);
        double[] scale = ArrayIo.readDoubles(in);
        if (mean.length != scale.length) {
            throw new ModelFormatException("the standardiser has " + mean.length + " means but " + scale.length
                    + " scales");
        }
        for (double s : scale) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new ModelFormatException("the standardiser has a scale of " + s);
            }
        }
        return new Standardizer(mean, scale);
    }
}
