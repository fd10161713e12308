package org.eegworkflow.eeg.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The activation functions a dense layer may use, under the names the old Keras-based blocks took
 * ({@link #externalName()}). Each works on a whole layer at once because softmax couples the units.
 */
public enum Activation {
    SIGMOID("sigmoid"),
    RELU("relu"),
    SOFTMAX("softmax"),
    ELU("elu"),
    /** Slope 0.2 below zero, as {@code tf.nn.leaky_relu}, which Keras uses for the name {@code leaky_relu}. */
    LEAKY_RELU("leaky-relu"),
    SELU("selu"),
    /** The exact form {@code x * Phi(x)}, Keras's default ({@code approximate=False}). */
    GELU("gelu");

    /** Keras's constants for SELU (Klambauer et al. 2017). */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;
    static final double LEAKY_SLOPE = 0.2;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private final String externalName;

    Activation(String externalName) {
        this.externalName = externalName;
    }

    /** The name workflows carry, for example {@code leaky-relu}. */
    public String externalName() {
        return externalName;
    }

    /** Every name {@link #fromName} accepts, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Activation::externalName).toList();
    }

    /**
     * The activation of a name, ignoring case, surrounding blanks and {@code _} for {@code -} ({@code leaky_relu} is
     * Keras's spelling).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Activation fromName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Activation a : values()) {
            if (a.externalName.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation function '" + name + "' is unknown: use one of "
                + String.join(", ", names()));
    }

    /** Writes the activation of {@code z} into {@code out} (same length; may not be the same array for softmax). */
    void apply(double[] z, double[] out) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = sigmoid(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = z[i] > 0 ? z[i] : 0;
                }
            }
            case SOFTMAX -> softmax(z, out);
            case ELU -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = z[i] > 0 ? z[i] : Math.expm1(z[i]);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = z[i] > 0 ? z[i] : LEAKY_SLOPE * z[i];
                }
            }
            case SELU -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = SELU_SCALE * (z[i] > 0 ? z[i] : SELU_ALPHA * Math.expm1(z[i]));
                }
            }
            case GELU -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = z[i] * normalCdf(z[i]);
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * Turns the gradient of the loss with respect to this layer's outputs ({@code grad}, in place) into the gradient
     * with respect to its inputs {@code z}, given the outputs {@code a} the forward pass computed.
     */
    void backward(double[] z, double[] a, double[] grad) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < z.length; i++) {
                    grad[i] *= a[i] * (1 - a[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < z.length; i++) {
                    grad[i] = z[i] > 0 ? grad[i] : 0;
                }
            }
            case SOFTMAX -> {
                // the Jacobian diag(a) - a a^T applied to grad
                double dot = 0;
                for (int i = 0; i < z.length; i++) {
                    dot += a[i] * grad[i];
                }
                for (int i = 0; i < z.length; i++) {
                    grad[i] = a[i] * (grad[i] - dot);
                }
            }
            case ELU -> {
                for (int i = 0; i < z.length; i++) {
                    grad[i] *= z[i] > 0 ? 1 : a[i] + 1;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < z.length; i++) {
                    grad[i] *= z[i] > 0 ? 1 : LEAKY_SLOPE;
                }
            }
            case SELU -> {
                for (int i = 0; i < z.length; i++) {
                    grad[i] *= z[i] > 0 ? SELU_SCALE : a[i] + SELU_SCALE * SELU_ALPHA;
                }
            }
            case GELU -> {
                for (int i = 0; i < z.length; i++) {
                    double x = z[i];
                    grad[i] *= normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    static double sigmoid(double x) {
        // two forms so that exp never overflows
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static void softmax(double[] z, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            out[i] = Math.exp(z[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < z.length; i++) {
            out[i] /= sum;
        }
    }

    /** The standard normal distribution function, {@code (1 + erf(x / sqrt 2)) / 2}. */
    static double normalCdf(double x) {
        return 0.5 * (1 + erf(x * INV_SQRT2));
    }

    /**
     * The error function to about 1e-15: the series {@code 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (2n+1)!!}, whose
     * terms are all positive (no cancellation); beyond |x| = 6 erf is +-1 to double precision.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6) {
            return Math.signum(x);
        }
        double x2 = ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 500; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        double value = Math.min(1, 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum);
        return x < 0 ? -value : value;
    }
}
