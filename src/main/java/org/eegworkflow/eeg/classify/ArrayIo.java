package org.eegworkflow.eeg.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Primitive arrays and strings on {@link DataOutput}, big-endian: a 32-bit length, then the elements. Arrays move
 * through a {@link ByteBuffer} in blocks, not element by element, because a {@code DataOutputStream} call per double
 * is several times slower for the megabytes a feature matrix or a network holds. Reading refuses negative or
 * absurd lengths and grows its array only as bytes arrive, so a damaged file fails with a message, not by
 * exhausting memory ({@link StreamCorruptedException}, an {@link IOException}).
 */
public final class ArrayIo {
    /** The most elements an array or string may have: 2^28 (2 GB of doubles). */
    public static final int MAX_LENGTH = 1 << 28;
    private static final int BLOCK = 1 << 13;

    private ArrayIo() {
    }

    public static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(values.length, BLOCK) * Double.BYTES);
        for (int start = 0; start < values.length; start += BLOCK) {
            int count = Math.min(BLOCK, values.length - start);
            buffer.clear();
            buffer.asDoubleBuffer().put(values, start, count);
            out.write(buffer.array(), 0, count * Double.BYTES);
        }
    }

    public static double[] readDoubles(DataInput in) throws IOException {
        int length = length(in, "array");
        double[] values = new double[Math.min(length, BLOCK)];
        byte[] bytes = new byte[Math.min(length, BLOCK) * Double.BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int start = 0; start < length; start += BLOCK) {
            int count = Math.min(BLOCK, length - start);
            in.readFully(bytes, 0, count * Double.BYTES);
            if (values.length < start + count) {
                values = java.util.Arrays.copyOf(values, (int) Math.min(length, Math.max(2L * values.length,
                        start + count)));
            }
            buffer.clear();
            buffer.asDoubleBuffer().get(values, start, count);
        }
        return values;
    }

    public static void writeInts(DataOutput out, int[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(values.length, BLOCK) * Integer.BYTES);
        for (int start = 0; start < values.length; start += BLOCK) {
            int count = Math.min(BLOCK, values.length - start);
            buffer.clear();
            buffer.asIntBuffer().put(values, start, count);
            out.write(buffer.array(), 0, count * Integer.BYTES);
        }
    }

    public static int[] readInts(DataInput in) throws IOException {
        int length = length(in, "array");
        int[] values = new int[Math.min(length, BLOCK)];
        byte[] bytes = new byte[Math.min(length, BLOCK) * Integer.BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int start = 0; start < length; start += BLOCK) {
            int count = Math.min(BLOCK, length - start);
            in.readFully(bytes, 0, count * Integer.BYTES);
            if (values.length < start + count) {
                values = java.util.Arrays.copyOf(values, (int) Math.min(length, Math.max(2L * values.length,
                        start + count)));
            }
            buffer.clear();
            buffer.asIntBuffer().get(values, start, count);
        }
        return values;
    }

    /** Raw bytes: length, then the bytes. */
    public static byte[] readBytes(DataInput in) throws IOException {
        int length = length(in, "byte block");
        byte[] bytes = new byte[Math.min(length, BLOCK)];
        for (int start = 0; start < length; start += BLOCK) {
            int count = Math.min(BLOCK, length - start);
            if (bytes.length < start + count) {
                bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(length, Math.max(2L * bytes.length,
                        start + count)));
            }
            in.readFully(bytes, start, count);
        }
        return bytes;
    }

    /** UTF-8, any length (unlike {@link DataOutput#writeUTF}): byte count, then the bytes. */
    public static void writeString(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static void writeStrings(DataOutput out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    public static List<String> readStrings(DataInput in) throws IOException {
        int count = length(in, "list");
        List<String> values = new ArrayList<>(Math.min(count, BLOCK));
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    /** Reads a count written with {@code writeInt}, refusing one a damaged stream could claim. */
    public static int readLength(DataInput in) throws IOException {
        return length(in, "list");
    }

    private static int length(DataInput in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new StreamCorruptedException("a " + what + " claims " + length + " elements: the data are damaged");
        }
        return length;
    }
}
