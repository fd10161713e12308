package org.eegworkflow.sdk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Codecs for the SDK's own types: NUMBER, STRING, BOOLEAN and their arrays. */
public final class StandardCodecs {
    private static final Map<String, ValueCodec> CODECS = Map.of(
            Types.NUMBER, scalar(Types.NUMBER, (v, out) -> out.writeDouble(((Number) v).doubleValue()),
                    DataInput::readDouble),
            Types.STRING, scalar(Types.STRING, (v, out) -> writeString(out, v.toString()), StandardCodecs::readString),
            Types.BOOLEAN, scalar(Types.BOOLEAN, (v, out) -> out.writeBoolean((Boolean) v), DataInput::readBoolean),
            Types.NUMBER_ARRAY, list(Types.NUMBER_ARRAY, Types.NUMBER),
            Types.STRING_ARRAY, list(Types.STRING_ARRAY, Types.STRING));

    /** Who hears of the files {@link #writeSamples} refers to on this thread, if anyone. */
    private static final ThreadLocal<java.util.function.Consumer<java.nio.file.Path>> FILES = new ThreadLocal<>();

    private StandardCodecs() {
    }

    /**
     * Until the returned scope is closed, every file that {@link #writeSamples} writes a handle of on this thread is
     * passed to {@code files}: the engine learns which files an encoded value depends on (to tell later whether they
     * are still the same) without any codec knowing. Scopes nest; closing one restores the one before.
     */
    public static FileRecording recordFiles(java.util.function.Consumer<java.nio.file.Path> files) {
        java.util.function.Consumer<java.nio.file.Path> before = FILES.get();
        FILES.set(files);
        return () -> {
            if (before == null) {
                FILES.remove();
            } else {
                FILES.set(before);
            }
        };
    }

    /** A scope of {@link #recordFiles}; closing it never throws. */
    public interface FileRecording extends AutoCloseable {
        @Override
        void close();
    }

    /** The standard codec for a type, if the SDK has one. */
    public static Optional<ValueCodec> forType(String type) {
        return Optional.ofNullable(CODECS.get(type));
    }

    /** Strings of any length, unlike {@link DataOutput#writeUTF}, which stops at 64 KB. */
    public static void writeString(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes {@link Samples} for a {@link ValueCodec}: samples kept in a file as a handle (the file's path, shape and
     * the rows shown), so a checkpoint never copies a recording; samples in the heap inline, as raw doubles.
     */
    public static void writeSamples(DataOutput out, Samples samples) throws IOException {
        java.util.Optional<Samples.Stored> stored = samples.stored();
        if (stored.isPresent()) {
            Samples.Stored s = stored.get();
            java.util.function.Consumer<java.nio.file.Path> files = FILES.get();
            if (files != null) {
                files.accept(s.file().toAbsolutePath());
            }
            out.writeByte(1);
            writeString(out, s.file().toAbsolutePath().toString());
            out.writeInt(s.fileRows());
            out.writeLong(s.columns());
            out.writeLong(s.bytes());
            int[] shown = s.rowsShown();
            boolean all = shown.length == s.fileRows();
            for (int i = 0; all && i < shown.length; i++) {
                all = shown[i] == i;
            }
            // -1: every row in order, the usual case, which would otherwise take 4 bytes a row (epochs have many)
            out.writeInt(all ? -1 : shown.length);
            for (int i = 0; !all && i < shown.length; i++) {
                out.writeInt(shown[i]);
            }
            return;
        }
        out.writeByte(0);
        out.writeInt(samples.rows());
        int columns = Samples.arrayLength(samples.columns());
        out.writeInt(columns);
        double[] row = new double[columns];
        for (int r = 0; r < samples.rows(); r++) {
            samples.read(r, 0, row, 0, columns);
            for (double value : row) {
                out.writeDouble(value);
            }
        }
    }

    /**
     * Reads what {@link #writeSamples} wrote; a file is mapped again.
     *
     * @throws IOException if the file is gone or its length is not what was recorded
     */
    public static Samples readSamples(DataInput in) throws IOException {
        byte kind = in.readByte();
        if (kind == 1) {
            java.nio.file.Path file = java.nio.file.Path.of(readString(in));
            int fileRows = in.readInt();
            long columns = in.readLong();
            long bytes = in.readLong();
            int count = in.readInt();
            int[] shown = new int[count == -1 ? checkedLength(fileRows, Integer.MAX_VALUE)
                    : checkedLength(count, fileRows * 64L + 1024)];
            for (int i = 0; i < shown.length; i++) {
                shown[i] = count == -1 ? i : in.readInt();
            }
            Samples.Stored stored = new Samples.Stored(file, fileRows, columns, shown);
            if (stored.bytes() != bytes) {
                throw new IOException("the handle of " + file + " does not match itself");
            }
            return Samples.open(stored);
        }
        if (kind != 0) {
            throw new IOException("unknown kind of samples " + kind);
        }
        int rows = checkedLength(in.readInt(), Integer.MAX_VALUE);
        int columns = checkedLength(in.readInt(), Integer.MAX_VALUE);
        Samples.Writer writer = Samples.inMemory().newSamples(rows, columns);
        double[] row = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                row[c] = in.readDouble();
            }
            writer.write(r, 0, row, 0, columns);
        }
        return writer.finish();
    }

    private static int checkedLength(int length, long max) throws IOException {
        if (length < 0 || length > max) {
            throw new IOException("a damaged length " + length);
        }
        return length;
    }

    private interface Writer {
        void write(Object value, DataOutput out) throws IOException;
    }

    private interface Reader {
        Object read(DataInput in) throws IOException;
    }

    private static ValueCodec scalar(String type, Writer writer, Reader reader) {
        return new ValueCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void write(Object value, DataOutput out) throws IOException {
                writer.write(value, out);
            }

            @Override
            public Object read(DataInput in) throws IOException {
                return reader.read(in);
            }
        };
    }

    private static ValueCodec list(String type, String elementType) {
        return new ValueCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void write(Object value, DataOutput out) throws IOException {
                List<?> values = (List<?>) value;
                ValueCodec element = CODECS.get(elementType);
                out.writeInt(values.size());
                for (Object v : values) {
                    element.write(v, out);
                }
            }

            @Override
            public Object read(DataInput in) throws IOException {
                ValueCodec element = CODECS.get(elementType);
                int size = in.readInt();
                List<Object> values = new ArrayList<>(Math.min(size, 1 << 16));
                for (int i = 0; i < size; i++) {
                    values.add(element.read(in));
                }
                return values;
            }
        };
    }
}
