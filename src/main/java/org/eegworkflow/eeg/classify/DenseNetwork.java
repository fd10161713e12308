package org.eegworkflow.eeg.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * A trained fully connected network ending in a softmax layer, trained as Keras's {@code Sequential} of
 * {@code Dense} layers with {@code categorical_crossentropy} would be: Glorot-uniform weights, zero biases,
 * shuffled mini-batches, Keras's optimizer defaults. Inputs are standardised with the training rows' means and
 * standard deviations, which the network keeps (see {@link Standardizer}).
 */
public final class DenseNetwork implements ClassifierModel {
    private static final double EPSILON = 1e-7;
    private static final double ADAGRAD_INITIAL = 0.1;
    private static final double RHO = 0.9;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    /** 20 million weights take 160 MB, and optimizer state three times that: more does not fit a shared server. */
    public static final long MAX_WEIGHTS = 20_000_000;

    private final NetworkSpec spec;
    private final int inputs;
    private final List<String> classNames;
    private final Standardizer standardizer;
    /** Per layer: units x fan-in, row-major, so a unit's weights are contiguous for the forward pass. */
    final double[][] weights;
    final double[][] biases;
    private final String summary;

    DenseNetwork(NetworkSpec spec, int inputs, List<String> classNames, Standardizer standardizer,
                 double[][] weights, double[][] biases, String summary) {
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty() || layers.get(layers.size() - 1).activation() != Activation.SOFTMAX
                || layers.get(layers.size() - 1).units() != classNames.size()) {
            throw new IllegalArgumentException("a trained network must end in a softmax layer of "
                    + classNames.size() + " units, one per class; it is a " + spec);
        }
        if (weights.length != layers.size() || biases.length != layers.size()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + weights.length + " weight and "
                    + biases.length + " bias arrays");
        }
        if (standardizer.width() != inputs) {
            throw new IllegalArgumentException("the standardiser has " + standardizer.width() + " features, the network "
                    + inputs);
        }
        int fanIn = inputs;
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).units();
            if (weights[l].length != (long) units * fanIn || biases[l].length != units) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (" + layers.get(l) + ") needs " + units
                        + " x " + fanIn + " weights and " + units + " biases");
            }
            fanIn = units;
        }
        this.spec = spec;
        this.inputs = inputs;
        this.classNames = List.copyOf(classNames);
        this.standardizer = standardizer;
        this.weights = weights;
        this.biases = biases;
        this.summary = summary;
    }

    /**
     * Trains a network of the given layers, followed by a softmax output layer unless the last one already is a
     * softmax of one unit per class ({@link NetworkSpec#withSoftmaxOutput}).
     *
     * @param x          rows x features, finite
     * @param y          each row's class, an index into {@code classNames}
     * @param classNames every class the network tells apart (a class without rows in {@code y} keeps an output)
     * @throws CancellationException when the monitor asks to stop
     */
    public static DenseNetwork train(NetworkSpec layers, double[][] x, int[] y, List<String> classNames,
                                     TrainingSettings settings, TrainingMonitor monitor) {
        Rows.check(x, y, classNames.size());
        NetworkSpec spec = layers.withSoftmaxOutput(classNames.size());
        checkSize(spec, x[0].length);
        Standardizer standardizer = Standardizer.fit(x);
        double[][] xs = standardizer.apply(x);
        SplittableRandom random = new SplittableRandom(settings.seed());
        DenseNetwork net = initialise(spec, x[0].length, classNames, standardizer, random);
        double loss = net.fit(xs, y, settings, random, monitor);
        String trained = String.format(java.util.Locale.ROOT,
                "trained %d epochs with %s (learning rate %s, batches of %d, seed %d) on %d rows; final training"
                        + " loss %.4f", settings.epochs(), settings.optimizer(), settings.learningRate(),
                settings.batchSize(), settings.seed(), x.length, loss);
        return new DenseNetwork(spec, net.inputs, classNames, standardizer, net.weights, net.biases, trained);
    }

    /**
     * Refuses a network with more than {@link #MAX_WEIGHTS} weights for inputs of the given width.
     *
     * @throws IllegalArgumentException saying how many weights it would have
     */
    public static void checkSize(NetworkSpec spec, int inputs) {
        long total = 0;
        long fanIn = inputs;
        for (LayerSpec layer : spec.layers()) {
            total += fanIn * layer.units() + layer.units();
            fanIn = layer.units();
        }
        if (total > MAX_WEIGHTS) {
            throw new IllegalArgumentException("a " + spec + " on " + inputs + " features would have " + total
                    + " weights, more than the " + MAX_WEIGHTS + " this server trains: use fewer units or features");
        }
    }

    /** Glorot-uniform weights (limit sqrt(6 / (fan-in + fan-out))) and zero biases, as Keras starts a Dense layer. */
    static DenseNetwork initialise(NetworkSpec spec, int inputs, List<String> classNames, Standardizer standardizer,
                                   SplittableRandom random) {
        List<LayerSpec> layers = spec.layers();
        double[][] weights = new double[layers.size()][];
        double[][] biases = new double[layers.size()][];
        int fanIn = inputs;
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).units();
            double limit = Math.sqrt(6.0 / (fanIn + units));
            weights[l] = new double[units * fanIn];
            for (int k = 0; k < weights[l].length; k++) {
                weights[l][k] = (2 * random.nextDouble() - 1) * limit;
            }
            biases[l] = new double[units];
            fanIn = units;
        }
        return new DenseNetwork(spec, inputs, classNames, standardizer, weights, biases, "untrained");
    }

    /** Runs the epochs; returns the mean loss of the last epoch. */
    private double fit(double[][] xs, int[] y, TrainingSettings settings, SplittableRandom random,
                       TrainingMonitor monitor) {
        int layers = weights.length;
        double[][] gw = new double[layers][];
        double[][] gb = new double[layers][];
        double[][] s1w = new double[layers][];
        double[][] s1b = new double[layers][];
        double[][] s2w = new double[layers][];
        double[][] s2b = new double[layers][];
        double initial = settings.optimizer() == Optimizer.adagrad ? ADAGRAD_INITIAL : 0;
        for (int l = 0; l < layers; l++) {
            gw[l] = new double[weights[l].length];
            gb[l] = new double[biases[l].length];
            s1w[l] = new double[weights[l].length];
            s1b[l] = new double[biases[l].length];
            s2w[l] = new double[weights[l].length];
            s2b[l] = new double[biases[l].length];
            java.util.Arrays.fill(s1w[l], initial);
            java.util.Arrays.fill(s1b[l], initial);
        }
        Workspace work = new Workspace();
        int n = xs.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long step = 0;
        double epochLoss = Double.NaN;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            if (monitor.isCancelled()) {
                throw new CancellationException("training stopped");
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double total = 0;
            for (int start = 0; start < n; start += settings.batchSize()) {
                int end = Math.min(n, start + settings.batchSize());
                for (int l = 0; l < layers; l++) {
                    java.util.Arrays.fill(gw[l], 0);
                    java.util.Arrays.fill(gb[l], 0);
                }
                for (int k = start; k < end; k++) {
                    total += work.accumulate(xs[order[k]], y[order[k]], gw, gb);
                }
                double scale = 1.0 / (end - start);
                step++;
                for (int l = 0; l < layers; l++) {
                    update(settings, step, scale, weights[l], gw[l], s1w[l], s2w[l]);
                    update(settings, step, scale, biases[l], gb[l], s1b[l], s2b[l]);
                }
            }
            epochLoss = total / n;
            if (!Double.isFinite(epochLoss)) {
                throw new IllegalArgumentException("training diverged (loss " + epochLoss + " in epoch " + (epoch + 1)
                        + "): lower the learning rate");
            }
            monitor.progress((epoch + 1.0) / settings.epochs());
        }
        return epochLoss;
    }

    /** One optimizer step for one parameter array; {@code scale} turns summed gradients into the batch mean. */
    private static void update(TrainingSettings settings, long step, double scale, double[] w, double[] g,
                               double[] s1, double[] s2) {
        double lr = settings.learningRate();
        switch (settings.optimizer()) {
            case adam -> {
                // Keras folds both bias corrections into the step size, with epsilon outside the correction
                double lrT = lr * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
                for (int k = 0; k < w.length; k++) {
                    double gk = g[k] * scale;
                    s1[k] = BETA1 * s1[k] + (1 - BETA1) * gk;
                    s2[k] = BETA2 * s2[k] + (1 - BETA2) * gk * gk;
                    w[k] -= lrT * s1[k] / (Math.sqrt(s2[k]) + EPSILON);
                }
            }
            case adagrad -> {
                for (int k = 0; k < w.length; k++) {
                    double gk = g[k] * scale;
                    s1[k] += gk * gk;
                    w[k] -= lr * gk / (Math.sqrt(s1[k]) + EPSILON);
                }
            }
            case rmsprop -> {
                for (int k = 0; k < w.length; k++) {
                    double gk = g[k] * scale;
                    s1[k] = RHO * s1[k] + (1 - RHO) * gk * gk;
                    w[k] -= lr * gk / (Math.sqrt(s1[k]) + EPSILON);
                }
            }
            default -> throw new AssertionError(settings.optimizer());
        }
    }

    /**
     * The mean cross-entropy of standardised rows and, when {@code gw} is not null, its gradient with respect to
     * every weight and bias (summed over rows, then divided by their number). For the gradient check.
     */
    double lossAndGradient(double[][] xs, int[] y, double[][] gw, double[][] gb) {
        Workspace work = new Workspace();
        double total = 0;
        for (int i = 0; i < xs.length; i++) {
            total += gw == null ? work.loss(xs[i], y[i]) : work.accumulate(xs[i], y[i], gw, gb);
        }
        if (gw != null) {
            for (int l = 0; l < gw.length; l++) {
                for (int k = 0; k < gw[l].length; k++) {
                    gw[l][k] /= xs.length;
                }
                for (int k = 0; k < gb[l].length; k++) {
                    gb[l][k] /= xs.length;
                }
            }
        }
        return total / xs.length;
    }

    @Override
    public int[] predict(double[][] features) {
        double[][] p = probabilities(features);
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return predicted;
    }

    /** The softmax output of each row: one probability per class. */
    public double[][] probabilities(double[][] features) {
        Rows.checkWidth(features, inputs, "the network");
        Workspace work = new Workspace();
        double[][] p = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            p[i] = work.forward(standardizer.apply(features[i])).clone();
        }
        return p;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int featureCount() {
        return inputs;
    }

    /** The layers, the softmax output layer included. */
    public NetworkSpec spec() {
        return spec;
    }

    /** How it was trained: optimizer, epochs, seed, rows, final training loss. */
    public String trainingSummary() {
        return summary;
    }

    @Override
    public String describe() {
        return "dense " + spec + ", " + inputs + " features, classes " + classNames + "; " + summary;
    }

    @Override
    public String toString() {
        return describe();
    }

    void writePayload(DataOutput out) throws IOException {
        ModelFormat.writeSpec(out, spec);
        out.writeInt(inputs);
        ArrayIo.writeStrings(out, classNames);
        standardizer.write(out);
        for (int l = 0; l < weights.length; l++) {
            ArrayIo.writeDoubles(out, weights[l]);
            ArrayIo.writeDoubles(out, biases[l]);
        }
        ArrayIo.writeString(out, summary);
    }

    static DenseNetwork readPayload(DataInput in) throws IOException {
        NetworkSpec spec = ModelFormat.readSpec(in);
        int inputs = in.readInt();
        List<String> classNames = ArrayIo.readStrings(in);
        Standardizer standardizer = Standardizer.read(in);
        int layers = spec.layers().size();
        double[][] weights = new double[layers][];
        double[][] biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = ArrayIo.readDoubles(in);
            biases[l] = ArrayIo.readDoubles(in);
        }
        String summary = ArrayIo.readString(in);
        try {
            return new DenseNetwork(spec, inputs, classNames, standardizer, weights, biases, summary);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("the network's parts do not fit together: " + e.getMessage(), e);
        }
    }

    /** One row's activations, reused from row to row so the inner loops allocate nothing. */
    private final class Workspace {
        private final Activation[] activation;
        private final double[][] z;
        private final double[][] a;
        private final double[][] delta;
        private final int[] fanIn;

        Workspace() {
            List<LayerSpec> layers = spec.layers();
            int count = layers.size();
            activation = new Activation[count];
            z = new double[count][];
            a = new double[count][];
            delta = new double[count][];
            fanIn = new int[count];
            int width = inputs;
            for (int l = 0; l < count; l++) {
                int units = layers.get(l).units();
                activation[l] = layers.get(l).activation();
                z[l] = new double[units];
                a[l] = new double[units];
                delta[l] = new double[units];
                fanIn[l] = width;
                width = units;
            }
        }

        /** The output layer's activations (a softmax) for one standardised row; valid until the next call. */
        double[] forward(double[] x) {
            double[] in = x;
            for (int l = 0; l < z.length; l++) {
                double[] w = weights[l];
                double[] b = biases[l];
                int n = fanIn[l];
                double[] zl = z[l];
                for (int o = 0; o < zl.length; o++) {
                    double sum = b[o];
                    int base = o * n;
                    for (int i = 0; i < n; i++) {
                        sum += w[base + i] * in[i];
                    }
                    zl[o] = sum;
                }
                activation[l].apply(zl, a[l]);
                in = a[l];
            }
            return in;
        }

        /** Cross-entropy of one row, from the last layer's weighted sums (log-softmax: exact, never log 0). */
        double loss(double[] x, int label) {
            forward(x);
            double[] last = z[z.length - 1];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : last) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : last) {
                sum += Math.exp(v - max);
            }
            return Math.log(sum) + max - last[label];
        }

        /** Adds one row's gradient to {@code gw}, {@code gb}; returns its loss. */
        double accumulate(double[] x, int label, double[][] gw, double[][] gb) {
            double loss = loss(x, label);
            int last = z.length - 1;
            // softmax followed by cross-entropy: the gradient at the weighted sums is p - onehot
            System.arraycopy(a[last], 0, delta[last], 0, a[last].length);
            delta[last][label] -= 1;
            for (int l = last; l >= 0; l--) {
                double[] in = l == 0 ? x : a[l - 1];
                double[] d = delta[l];
                double[] g = gw[l];
                double[] w = weights[l];
                int n = fanIn[l];
                for (int o = 0; o < d.length; o++) {
                    double dv = d[o];
                    gb[l][o] += dv;
                    if (dv == 0) {
                        continue;
                    }
                    int base = o * n;
                    for (int i = 0; i < n; i++) {
                        g[base + i] += dv * in[i];
                    }
                }
                if (l > 0) {
                    double[] prev = delta[l - 1];
                    java.util.Arrays.fill(prev, 0);
                    for (int o = 0; o < d.length; o++) {
                        double dv = d[o];
                        if (dv == 0) {
                            continue;
                        }
                        int base = o * n;
                        for (int i = 0; i < n; i++) {
                            prev[i] += w[base + i] * dv;
                        }
                    }
                    activation[l - 1].backward(z[l - 1], a[l - 1], prev);
                }
            }
            return loss;
        }
    }
}
