package org.eegworkflow.eeg.classify;

import java.util.List;
import java.util.SplittableRandom;

import org.eegworkflow.eeg.data.FeatureVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseNetworkTest {

    /** A network with random weights and biases (not zero, so every unit is exercised) and identity scaling. */
    private static DenseNetwork randomNetwork(NetworkSpec spec, int inputs, int classes, long seed) {
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        double[] ones = new double[inputs];
        java.util.Arrays.fill(ones, 1);
        SplittableRandom random = new SplittableRandom(seed);
        DenseNetwork net = DenseNetwork.initialise(spec, inputs, names, new Standardizer(new double[inputs], ones),
                random);
        for (double[] b : net.biases) {
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextDouble() - 0.5;
            }
        }
        return net;
    }

    /** Max relative difference between the analytic gradient and central differences over every parameter. */
    private static double gradientError(DenseNetwork net, double[][] x, int[] y) {
        int layers = net.weights.length;
        double[][] gw = new double[layers][];
        double[][] gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gw[l] = new double[net.weights[l].length];
            gb[l] = new double[net.biases[l].length];
        }
        net.lossAndGradient(x, y, gw, gb);
        double worst = 0;
        for (int l = 0; l < layers; l++) {
            worst = Math.max(worst, compare(net, x, y, net.weights[l], gw[l]));
            worst = Math.max(worst, compare(net, x, y, net.biases[l], gb[l]));
        }
        return worst;
    }

    private static double compare(DenseNetwork net, double[][] x, int[] y, double[] params, double[] analytic) {
        double worst = 0;
        double h = 1e-6;
        for (int k = 0; k < params.length; k++) {
            double saved = params[k];
            params[k] = saved + h;
            double plus = net.lossAndGradient(x, y, null, null);
            params[k] = saved - h;
            double minus = net.lossAndGradient(x, y, null, null);
            params[k] = saved;
            double numeric = (plus - minus) / (2 * h);
            // relative, except for gradients so small that the differences' rounding (about 1e-10) dominates
            double error = Math.abs(numeric - analytic[k]) / (Math.abs(numeric) + Math.abs(analytic[k]) + 1e-4);
            worst = Math.max(worst, error);
        }
        return worst;
    }

    private static double[][] randomRows(int rows, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = 2 * Fixtures.gaussian(random);
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void analyticGradientsMatchCentralDifferencesForEveryActivation(Activation hidden) {
        NetworkSpec spec = NetworkSpec.of(List.of(new LayerSpec(5, hidden), new LayerSpec(4, Activation.SIGMOID),
                new LayerSpec(3, Activation.SOFTMAX)));
        DenseNetwork net = randomNetwork(spec, 3, 3, 7);
        double[][] x = randomRows(6, 3, 8);
        int[] y = {0, 1, 2, 2, 1, 0};
        double error = gradientError(net, x, y);
        assertTrue(error < 1e-6, hidden + ": relative gradient error " + error);
    }

    @Test
    void aNetworkWithoutHiddenLayersHasExactGradientsToo() {
        DenseNetwork net = randomNetwork(NetworkSpec.empty().withSoftmaxOutput(2), 4, 2, 3);
        double[][] x = randomRows(5, 4, 4);
        assertTrue(gradientError(net, x, new int[] {0, 1, 1, 0, 1}) < 1e-7);
    }

    @Test
    void theSoftmaxOutputLayerIsAddedUnlessAlreadyThere() {
        NetworkSpec relu = NetworkSpec.empty().append(new LayerSpec(8, Activation.RELU));
        assertEquals(List.of(new LayerSpec(8, Activation.RELU), new LayerSpec(3, Activation.SOFTMAX)),
                relu.withSoftmaxOutput(3).layers());
        NetworkSpec softmax3 = relu.append(new LayerSpec(3, Activation.SOFTMAX));
        assertEquals(softmax3, softmax3.withSoftmaxOutput(3));
        assertEquals(3, softmax3.withSoftmaxOutput(2).layers().size());
    }

    @Test
    void learnsXor() {
        FeatureVectors data = Fixtures.xor(25, 1);
        NetworkSpec spec = NetworkSpec.empty().append(new LayerSpec(16, Activation.RELU));
        DenseNetwork net = DenseNetwork.train(spec, data.features(), data.labels(), data.classNames(),
                new TrainingSettings(Optimizer.adam, 0.01, 300, 16, 1), TrainingMonitor.NONE);
        double[][] corners = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        assertArrayEquals(new int[] {0, 1, 1, 0}, net.predict(corners), net.describe());
        // a linear model cannot: it is the classic check that the hidden layer learns
        DenseNetwork linear = DenseNetwork.train(NetworkSpec.empty(), data.features(), data.labels(),
                data.classNames(), new TrainingSettings(Optimizer.adam, 0.01, 300, 16, 1), TrainingMonitor.NONE);
        assertTrue(Fixtures.accuracy(linear.predict(corners), new int[] {0, 1, 1, 0}) <= 0.75);
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void separatesGaussianBlobsOnHeldOutRowsWithEveryOptimizer(Optimizer optimizer) {
        FeatureVectors train = Fixtures.blobs(3, 40, 6, 3, 1e-5, 11);
        FeatureVectors test = Fixtures.blobs(3, 30, 6, 3, 1e-5, 12);
        double rate = optimizer == Optimizer.adagrad ? 0.1 : 0.01;
        DenseNetwork net = DenseNetwork.train(NetworkSpec.empty().append(new LayerSpec(8, Activation.ELU)),
                train.features(), train.labels(), train.classNames(),
                new TrainingSettings(optimizer, rate, 60, 16, 3), TrainingMonitor.NONE);
        double accuracy = Fixtures.accuracy(net.predict(test.features()), test.labels());
        assertTrue(accuracy > 0.9, optimizer + ": " + accuracy);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
        FeatureVectors data = Fixtures.blobs(2, 20, 4, 2, 1, 5);
        NetworkSpec spec = NetworkSpec.empty().append(new LayerSpec(4, Activation.SELU));
        TrainingSettings settings = new TrainingSettings(Optimizer.rmsprop, 0.01, 10, 8, 42);
        DenseNetwork a = DenseNetwork.train(spec, data.features(), data.labels(), data.classNames(), settings,
                TrainingMonitor.NONE);
        DenseNetwork b = DenseNetwork.train(spec, data.features(), data.labels(), data.classNames(), settings,
                TrainingMonitor.NONE);
        DenseNetwork c = DenseNetwork.train(spec, data.features(), data.labels(), data.classNames(),
                new TrainingSettings(Optimizer.rmsprop, 0.01, 10, 8, 43), TrainingMonitor.NONE);
        assertArrayEquals(a.weights[0], b.weights[0]);
        assertTrue(!java.util.Arrays.equals(a.weights[0], c.weights[0]));
    }

    @Test
    void stopsWhenCancelled() {
        FeatureVectors data = Fixtures.blobs(2, 10, 3, 2, 1, 5);
        TrainingMonitor stop = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class, () -> DenseNetwork.train(NetworkSpec.empty(),
                data.features(), data.labels(), data.classNames(), TrainingSettings.defaults(5), stop));
    }

    @Test
    void refusesFeaturesThatAreNotFiniteOrOfTheWrongWidth() {
        double[][] x = {{1, 2}, {3, Double.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenseNetwork.train(
                NetworkSpec.empty(), x, new int[] {0, 1}, List.of("a", "b"), TrainingSettings.defaults(1),
                TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("feature 1 of feature vector 1 is NaN"), e.getMessage());
        DenseNetwork net = DenseNetwork.train(NetworkSpec.empty(), new double[][] {{1, 2}, {3, 4}},
                new int[] {0, 1}, List.of("a", "b"), TrainingSettings.defaults(1), TrainingMonitor.NONE);
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("has 3 features but the network has 2"), e.getMessage());
    }

    @Test
    void activationNamesAreTheOldOnes() {
        assertEquals(List.of("sigmoid", "relu", "softmax", "elu", "leaky-relu", "selu", "gelu"), Activation.names());
        assertEquals(Activation.LEAKY_RELU, Activation.fromName("Leaky_ReLU"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.fromName("tanh"));
        assertTrue(e.getMessage().contains("'tanh' is unknown: use one of sigmoid, relu"), e.getMessage());
    }

    @Test
    void erfAgreesWithKnownValues() {
        // values from Abramowitz and Stegun / mpmath
        assertEquals(0.8427007929497149, Activation.erf(1), 1e-15);
        assertEquals(0.9953222650189527, Activation.erf(2), 1e-15);
        assertEquals(-0.5204998778130465, Activation.erf(-0.5), 1e-15);
        assertEquals(0.9999999845827421, Activation.erf(4), 1e-15);
        assertEquals(0.0, Activation.erf(0), 0);
    }
}
