package org.eegworkflow.eeg.classify;

/** Checks on feature matrices, with messages that say which row and feature is wrong. */
final class Rows {
    private Rows() {
    }

    /** Training rows: at least one, all of one width, finite, one class index per row, in range. */
    static void check(double[][] x, int[] y, int classes) {
        if (x.length == 0) {
            throw new IllegalArgumentException("there are no feature vectors to train on");
        }
        if (y.length != x.length) {
            throw new IllegalArgumentException(x.length + " feature vectors but " + y.length + " labels");
        }
        if (x[0].length == 0) {
            throw new IllegalArgumentException("the feature vectors are empty (0 features)");
        }
        checkWidth(x, x[0].length, "the first vector");
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("feature vector " + i + " has class " + y[i] + ", not one of the "
                        + classes + " classes");
            }
        }
    }

    /** Rows of {@code width} finite features each; {@code what} names whose width it is, for the message. */
    static void checkWidth(double[][] x, int width, String what) {
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != width) {
                throw new IllegalArgumentException("feature vector " + i + " has " + x[i].length + " features but "
                        + what + " has " + width + ": the features must come from the same pipeline");
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("feature " + j + " of feature vector " + i + " is " + x[i][j]
                            + ": features must be finite numbers");
                }
            }
        }
    }

    /** The rows at the given indices (the same arrays, not copies). */
    static double[][] select(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    static int[] select(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }
}
