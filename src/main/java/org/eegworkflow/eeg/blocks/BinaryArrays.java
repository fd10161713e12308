package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.sdk.StandardCodecs;

/**
 * Bulk reads and writes of primitive arrays for the EEG codecs. Writing a recording double by double through
 * {@link DataOutput#writeDouble} costs eight stream calls per sample; these go through one buffer per chunk instead.
 */
final class BinaryArrays {
    private static final int CHUNK = 8192;
    /** Refuses lengths a damaged checkpoint could claim, before allocating them. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 16;

    private BinaryArrays() {
    }

    static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(values.length, CHUNK) * Double.BYTES).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            buffer.asDoubleBuffer().put(values, from, n);
            out.write(buffer.array(), 0, n * Double.BYTES);
        }
    }

    static double[] readDoubles(DataInput in) throws IOException {
        int length = length(in);
        double[] values = new double[length];
        byte[] bytes = new byte[Math.min(length, CHUNK) * Double.BYTES];
        for (int from = 0; from < length; from += CHUNK) {
            int n = Math.min(CHUNK, length - from);
            in.readFully(bytes, 0, n * Double.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Double.BYTES).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer().get(values, from, n);
        }
        return values;
    }

    static void writeInts(DataOutput out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    static int[] readInts(DataInput in) throws IOException {
        int[] values = new int[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static void writeStrings(DataOutput out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            StandardCodecs.writeString(out, value);
        }
    }

    static List<String> readStrings(DataInput in) throws IOException {
        int n = length(in);
        List<String> values = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            values.add(StandardCodecs.readString(in));
        }
        return values;
    }

    static int length(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("damaged checkpoint: array length " + length);
        }
        return length;
    }
}
