package org.eegworkflow.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Samples in a memory-mapped file. A mapping holds less than 2 GB (Java 17's limit), so a file is mapped in
 * segments of {@link #SEGMENT_BYTES} and a read may straddle two of them.
 */
final class MappedSamples implements Samples {
    /** 1 GiB: under the 2 GB a mapping may hold, and a multiple of 8 so that no double is cut in two. */
    static final long SEGMENT_BYTES = 1L << 30;

    private final Path file;
    private final int rows;
    private final long columns;
    private final long segmentDoubles;
    private final DoubleBuffer[] segments;

    private MappedSamples(Path file, int rows, long columns, long segmentBytes) throws IOException {
        this.file = file;
        this.rows = rows;
        this.columns = columns;
        this.segmentDoubles = segmentBytes / 8;
        this.segments = map(file, rows, columns, segmentBytes);
    }

    static MappedSamples open(Path file, int rows, long columns) throws IOException {
        return new MappedSamples(file, rows, columns, SEGMENT_BYTES);
    }

    static Writer create(Path file, int rows, long columns) throws IOException {
        return create(file, rows, columns, SEGMENT_BYTES);
    }

    /**
     * A writer of a new file. Writes go through the file channel (positional writes, safe from many threads), not
     * through a writable mapping: every page first written through a mapping costs a page fault and a block
     * allocation of its own, which made writing a recording several times slower. The finished file is mapped for
     * reading.
     *
     * @param segmentBytes a multiple of 8; tests take small ones to read across segments
     */
    static Writer create(Path file, int rows, long columns, long segmentBytes) throws IOException {
        checkShape(rows, columns);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            channel.truncate(0);
            if (8L * rows * columns > 0) {
                // the file's full length at once (unwritten samples read as 0)
                channel.write(ByteBuffer.allocate(1), 8L * rows * columns - 1);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Writer() {
            private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(
                    () -> ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN));
            private volatile boolean finished;

            @Override
            public int rows() {
                return rows;
            }

            @Override
            public long columns() {
                return columns;
            }

            @Override
            public void write(int row, long from, double[] src, int off, int len) {
                if (finished) {
                    throw new IllegalStateException("these samples are finished");
                }
                SampleViews.check(row, rows, from, len, columns, off, src.length);
                ByteBuffer buffer = buffers.get();
                long position = 8L * (row * columns + from);
                try {
                    while (len > 0) {
                        int n = Math.min(len, WRITE_BUFFER_BYTES / 8);
                        buffer.clear();
                        buffer.asDoubleBuffer().put(src, off, n);
                        buffer.limit(8 * n);
                        while (buffer.hasRemaining()) {
                            position += channel.write(buffer, position);
                        }
                        off += n;
                        len -= n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write samples to " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Samples finish() {
                finished = true;
                try {
                    channel.close();
                    return new MappedSamples(file, rows, columns, segmentBytes);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot map samples of " + file + ": " + e.getMessage(), e);
                }
            }
        };
    }

    private static final int WRITE_BUFFER_BYTES = 1 << 18;

    static void checkShape(int rows, long columns) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("samples cannot have " + rows + " rows and " + columns + " columns");
        }
    }

    private static DoubleBuffer[] map(Path file, int rows, long columns, long segmentBytes) throws IOException {
        checkShape(rows, columns);
        long bytes = 8L * rows * columns;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int count = (int) ((bytes + segmentBytes - 1) / segmentBytes);
            DoubleBuffer[] segments = new DoubleBuffer[count];
            for (int s = 0; s < count; s++) {
                long start = s * segmentBytes;
                long size = Math.min(segmentBytes, bytes - start);
                // a mapping outlives its channel: the file stays mapped until the buffer is collected
                segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, start, size).order(ByteOrder.LITTLE_ENDIAN)
                        .asDoubleBuffer();
            }
            return segments;
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public long columns() {
        return columns;
    }

    @Override
    public void read(int row, long from, double[] dst, int off, int len) {
        SampleViews.check(row, rows, from, len, columns, off, dst.length);
        long index = row * columns + from;
        while (len > 0) {
            int segment = (int) (index / segmentDoubles);
            int at = (int) (index % segmentDoubles);
            int n = (int) Math.min(len, segmentDoubles - at);
            segments[segment].get(at, dst, off, n);
            index += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public Optional<Stored> stored() {
        int[] all = new int[rows];
        Arrays.setAll(all, i -> i);
        return Optional.of(new Stored(file, rows, columns, all));
    }

    @Override
    public String toString() {
        return rows + " x " + columns + " samples in " + file;
    }
}
