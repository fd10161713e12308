package org.eegworkflow.eeg.classify;

import java.util.List;
import java.util.SplittableRandom;

import org.eegworkflow.eeg.data.FeatureVectors;

/** Synthetic data sets for the classifier tests. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * Gaussian blobs: {@code perClass} rows of each class around centres {@code separation} apart on different axes,
     * unit spread. The features are scaled by {@code unit} (1e-5 mimics volts) to show that standardisation copes.
     */
    static FeatureVectors blobs(int classes, int perClass, int width, double separation, double unit, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] x = new double[n][width];
        int[] labels = new int[n];
        int[] events = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels[i] = c;
            events[i] = 10 + c;
            for (int j = 0; j < width; j++) {
                double centre = j % classes == c ? separation : 0;
                x[i][j] = (centre + gaussian(random)) * unit;
            }
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new FeatureVectors(x, events, labels, names);
    }

    /** XOR of two binary inputs with a little noise: {@code copies} rows of each of the four corners. */
    static FeatureVectors xor(int copies, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[4 * copies][];
        int[] labels = new int[4 * copies];
        for (int i = 0; i < x.length; i++) {
            int a = i & 1;
            int b = (i >> 1) & 1;
            x[i] = new double[] {a + 0.05 * gaussian(random), b + 0.05 * gaussian(random)};
            labels[i] = a ^ b;
        }
        return new FeatureVectors(x, new int[x.length], labels, List.of("same", "different"));
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double accuracy(int[] predicted, int[] actual) {
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            right += predicted[i] == actual[i] ? 1 : 0;
        }
        return (double) right / actual.length;
    }
}
