package org.eegworkflow.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable matrix of float64 samples, rows x columns, for values too big to keep in the heap: a recording is one
 * row per channel and one column per sample. A big one lives in a file (rows one after another, each row contiguous,
 * little-endian IEEE doubles) that is memory-mapped, so reading it costs no heap and a restarted job maps the same
 * file again; a small one may be a plain array ({@link #of(double[][])}).
 *
 * <p><b>Streaming</b> is the normal way to use it: {@link #read(int, long, double[], int, int)} copies a run of one
 * row into a buffer the block owns, so a block's memory depends on its buffer, not on the recording's length. A block
 * makes new samples with {@link BlockContext#newSamples(int, long)}, writes them with {@link Writer#write} in any
 * order (different rows from different threads at once, too) and calls {@link Writer#finish()} once.
 *
 * <p><b>Whole arrays</b>: {@link #row(int)} and {@link #toArray()} copy samples onto the heap. That is the contract for
 * a block that wants whole arrays: it is allowed, and the block's author pays for it in heap (8 bytes per sample: a
 * one-hour 64-channel 1 kHz recording is 1.8 GB). Use them for short values (an epoch, an average, features), never
 * for a whole recording.
 */
public interface Samples {

    int rows();

    long columns();

    /**
     * Copies {@code len} samples of one row, from column {@code from}, into {@code dst[off .. off + len)}.
     *
     * @throws IndexOutOfBoundsException if the row or the columns are outside the matrix or the buffer
     */
    void read(int row, long from, double[] dst, int off, int len);

    /** One sample; for a few values only (each call is a bounds-checked read). */
    default double get(int row, long column) {
        double[] one = new double[1];
        read(row, column, one, 0, 1);
        return one[0];
    }

    /** A copy of one whole row on the heap (see the class comment: the caller pays 8 bytes per column). */
    default double[] row(int row) {
        double[] out = new double[Samples.arrayLength(columns())];
        read(row, 0, out, 0, out.length);
        return out;
    }

    /** A copy of the whole matrix on the heap, {@code rows() x columns()}; for small values only. */
    default double[][] toArray() {
        double[][] out = new double[rows()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = row(r);
        }
        return out;
    }

    /** The rows given, in that order, as a view sharing these samples (nothing is copied). */
    default Samples selectRows(int[] picks) {
        return new SampleViews.Rows(this, picks.clone());
    }

    /**
     * Where these samples are stored, if in a file: what a checkpoint records instead of the samples themselves.
     * Empty for samples held in memory.
     */
    default Optional<Stored> stored() {
        return Optional.empty();
    }

    /**
     * Samples kept in a file: {@code fileRows x columns} doubles in {@code file}, of which this value shows the rows
     * {@code rowsShown} (in that order).
     */
    record Stored(Path file, int fileRows, long columns, int[] rowsShown) {
        public Stored {
            Objects.requireNonNull(file, "file");
            rowsShown = rowsShown.clone();
        }

        /** The file's expected size in bytes, which {@link Samples#open(Stored)} checks. */
        public long bytes() {
            return 8L * fileRows * columns;
        }
    }

    /** Writes new samples once; {@link #finish()} turns them into an immutable {@link Samples}. */
    interface Writer {
        int rows();

        long columns();

        /**
         * Stores {@code src[off .. off + len)} as columns {@code from ..} of one row. Unwritten samples are 0.
         * Different rows may be written from different threads at once.
         */
        void write(int row, long from, double[] src, int off, int len);

        /** The samples written; the writer accepts no more writes. */
        Samples finish();
    }

    /** Makes writers: {@link BlockContext#newSamples(int, long)} is the engine's, {@link #inMemory()} the heap's. */
    @FunctionalInterface
    interface Factory {
        Writer newSamples(int rows, long columns);
    }

    /** Samples of this size or less are kept in the heap by {@link #writer(Path, int, long)}: files would cost more. */
    long SMALL_BYTES = 1L << 20;

    /** Samples in the given arrays (all of one length), shared rather than copied: do not change them afterwards. */
    static Samples of(double[][] rows) {
        return new SampleViews.InMemory(rows);
    }

    /** A factory of heap samples, for tests and small values. */
    static Factory inMemory() {
        return (rows, columns) -> new SampleViews.MemoryWriter(rows, arrayLength(columns));
    }

    /**
     * A writer of samples in a new file of {@code folder} (created), or in the heap when they are small (up to
     * {@link #SMALL_BYTES}).
     */
    static Writer writer(Path folder, int rows, long columns) {
        MappedSamples.checkShape(rows, columns);
        if (8L * rows * columns <= SMALL_BYTES) {
            return new SampleViews.MemoryWriter(rows, (int) columns);
        }
        try {
            Files.createDirectories(folder);
            return MappedSamples.create(Files.createTempFile(folder, "samples-", ".f64"), rows, columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a samples file in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A writer of samples in the system's temporary folder (deleted when the JVM exits), or in the heap when small:
     * for code that runs outside a job, such as tests.
     */
    static Writer temporary(int rows, long columns) {
        MappedSamples.checkShape(rows, columns);
        if (8L * rows * columns <= SMALL_BYTES) {
            return new SampleViews.MemoryWriter(rows, (int) columns);
        }
        try {
            Path file = Files.createTempFile("eegworkflow-samples-", ".f64");
            file.toFile().deleteOnExit();
            return MappedSamples.create(file, rows, columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary samples file: " + e.getMessage(), e);
        }
    }

    /**
     * Maps samples stored earlier again (a checkpoint being read).
     *
     * @throws IOException if the file is missing or its size is not that of the samples it should hold
     */
    static Samples open(Stored stored) throws IOException {
        long size = Files.size(stored.file());
        if (size != stored.bytes()) {
            throw new IOException(stored.file() + " has " + size + " bytes where " + stored.fileRows() + " x "
                    + stored.columns() + " samples take " + stored.bytes());
        }
        MappedSamples whole = MappedSamples.open(stored.file(), stored.fileRows(), stored.columns());
        int[] shown = stored.rowsShown();
        boolean identity = shown.length == stored.fileRows();
        for (int i = 0; identity && i < shown.length; i++) {
            identity = shown[i] == i;
        }
        return identity ? whole : whole.selectRows(shown);
    }

    /** The length of an array holding {@code columns} values. */
    static int arrayLength(long columns) {
        if (columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(columns + " columns do not fit in one array; read them in parts");
        }
        return (int) columns;
    }
}
