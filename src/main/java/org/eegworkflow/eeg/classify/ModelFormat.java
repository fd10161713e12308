package org.eegworkflow.eeg.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary format of a model value (connector type {@code Model}): what {@code SaveModel} writes to a file and what
 * the engine's checkpoints hold. Big-endian throughout ({@link DataOutput}); strings and arrays as {@link ArrayIo}
 * writes them (a 32-bit length, then UTF-8 bytes or the elements).
 *
 * <pre>
 * magic     8 bytes, ASCII "EEGWFMDL"
 * version   int32, {@value #VERSION}
 * kind      1 byte: 1 untrained network spec, 2 trained dense network, 3 Tribuo linear model
 * payload   by kind:
 *   spec      int32 layer count; per layer: int32 units, string activation (sigmoid, relu, softmax, elu,
 *             leaky-relu, selu, gelu)
 *   network   spec (its last layer is the softmax output layer); int32 input width; string list class names;
 *             double[] feature means, double[] feature scales; per layer: double[] weights (units x fan-in,
 *             row-major), double[] biases; string training summary
 *   tribuo    string algorithm (LOGISTIC_REGRESSION or LINEAR_SVM); string list class names; double[] feature
 *             means, double[] feature scales; string training summary; int32 n + n bytes: Tribuo's
 *             {@code ModelProto} of a {@code LinearSGDModel} (protocol buffers), whose features are named
 *             f0..f(w-1), zero-padded to equal width
 * </pre>
 * A reader refuses other magic bytes, newer versions and unknown kinds with a {@link ModelFormatException}.
 */
public final class ModelFormat {
    /** The first 8 bytes of every model. */
    public static final String MAGIC = "EEGWFMDL";
    /** The format version this class writes and the newest it reads. */
    public static final int VERSION = 1;
    static final byte KIND_SPEC = 1;
    static final byte KIND_NETWORK = 2;
    static final byte KIND_TRIBUO_LINEAR = 3;
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LAYERS = 10_000;

    private ModelFormat() {
    }

    /**
     * Writes a model value: a {@link NetworkSpec}, a {@link DenseNetwork} or a {@link TribuoLinear}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static void write(Object value, DataOutput out) throws IOException {
        byte kind;
        if (value instanceof NetworkSpec) {
            kind = KIND_SPEC;
        } else if (value instanceof DenseNetwork) {
            kind = KIND_NETWORK;
        } else if (value instanceof TribuoLinear) {
            kind = KIND_TRIBUO_LINEAR;
        } else {
            throw new IllegalArgumentException("a " + (value == null ? "missing value" : value.getClass().getName())
                    + " is not a model this format can write: expected a network spec, a dense network or a"
                    + " Tribuo linear model");
        }
        out.write(MAGIC_BYTES);
        out.writeInt(VERSION);
        out.writeByte(kind);
        switch (kind) {
            case KIND_SPEC -> writeSpec(out, (NetworkSpec) value);
            case KIND_NETWORK -> ((DenseNetwork) value).writePayload(out);
            default -> ((TribuoLinear) value).writePayload(out);
        }
    }

    /**
     * Reads a model value written by {@link #write}: a {@link NetworkSpec} or a {@link ClassifierModel}.
     *
     * @throws ModelFormatException when the bytes are not such a value (wrong magic, newer version, unknown kind,
     *                              truncated or inconsistent)
     */
    public static Object read(DataInput in) throws IOException {
        try {
            byte[] magic = new byte[MAGIC_BYTES.length];
            boolean marked;
            try {
                in.readFully(magic);
                marked = Arrays.equals(magic, MAGIC_BYTES);
            } catch (EOFException e) {
                marked = false;
            }
            if (!marked) {
                throw new ModelFormatException("it does not start with " + MAGIC + " (the mark of a saved model)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new ModelFormatException("it is in model format version " + version + "; this server reads"
                        + " versions 1 to " + VERSION);
            }
            byte kind = in.readByte();
            return switch (kind) {
                case KIND_SPEC -> readSpec(in);
                case KIND_NETWORK -> DenseNetwork.readPayload(in);
                case KIND_TRIBUO_LINEAR -> TribuoLinear.readPayload(in);
                default -> throw new ModelFormatException("it holds a model of unknown kind " + kind);
            };
        } catch (EOFException e) {
            throw new ModelFormatException("it ends too early: the model is truncated", e);
        } catch (StreamCorruptedException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }

    static void writeSpec(DataOutput out, NetworkSpec spec) throws IOException {
        out.writeInt(spec.layers().size());
        for (LayerSpec layer : spec.layers()) {
            out.writeInt(layer.units());
            ArrayIo.writeString(out, layer.activation().externalName());
        }
    }

    static NetworkSpec readSpec(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_LAYERS) {
            throw new ModelFormatException("it claims " + count + " layers: the model is damaged");
        }
        List<LayerSpec> layers = new ArrayList<>(count);
        for (int l = 0; l < count; l++) {
            int units = in.readInt();
            String activation = ArrayIo.readString(in);
            try {
                layers.add(new LayerSpec(units, Activation.fromName(activation)));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("layer " + (l + 1) + ": " + e.getMessage(), e);
            }
        }
        return NetworkSpec.of(layers);
    }
}
