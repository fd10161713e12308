package org.eegworkflow.sdk;

import java.util.Objects;
import java.util.Optional;

/** The heap implementations of {@link Samples}, and row views. */
final class SampleViews {
    private SampleViews() {
    }

    static void check(int row, int rows, long from, int len, long columns, int off, int dstLength) {
        if (row < 0 || row >= rows || from < 0 || len < 0 || from + len > columns || off < 0
                || off + len > dstLength) {
            throw new IndexOutOfBoundsException("row " + row + " columns " + from + " + " + len + " of " + rows
                    + " x " + columns + " samples (buffer " + off + " + " + len + " of " + dstLength + ")");
        }
    }

    /** Rows in arrays of the heap. */
    static final class InMemory implements Samples {
        private final double[][] data;
        private final int columns;

        InMemory(double[][] data) {
            this(data, data.length == 0 ? 0 : data[0].length);
        }

        InMemory(double[][] data, int columns) {
            this.data = Objects.requireNonNull(data, "rows");
            this.columns = columns;
            for (double[] row : data) {
                if (row.length != columns) {
                    throw new IllegalArgumentException("every row must have the same number of samples");
                }
            }
        }

        @Override
        public int rows() {
            return data.length;
        }

        @Override
        public long columns() {
            return columns;
        }

        @Override
        public void read(int row, long from, double[] dst, int off, int len) {
            check(row, data.length, from, len, columns, off, dst.length);
            System.arraycopy(data[row], (int) from, dst, off, len);
        }

        @Override
        public double get(int row, long column) {
            return data[row][Math.toIntExact(column)];
        }

        @Override
        public Samples selectRows(int[] picks) {
            double[][] rows = new double[picks.length][];
            for (int i = 0; i < picks.length; i++) {
                rows[i] = data[picks[i]];
            }
            return new InMemory(rows, columns);
        }
    }

    /** Writes into arrays of the heap. */
    static final class MemoryWriter implements Samples.Writer {
        private double[][] data;
        private final int columns;

        MemoryWriter(int rows, int columns) {
            MappedSamples.checkShape(rows, columns);
            this.data = new double[rows][columns];
            this.columns = columns;
        }

        @Override
        public int rows() {
            return data.length;
        }

        @Override
        public long columns() {
            return columns;
        }

        @Override
        public void write(int row, long from, double[] src, int off, int len) {
            double[][] target = data;
            if (target == null) {
                throw new IllegalStateException("these samples are finished");
            }
            check(row, target.length, from, len, columns(), off, src.length);
            System.arraycopy(src, off, target[row], (int) from, len);
        }

        @Override
        public Samples finish() {
            Samples done = new InMemory(data, columns);
            data = null;
            return done;
        }
    }

    /** Some rows of other samples. */
    static final class Rows implements Samples {
        private final Samples base;
        private final int[] picks;

        Rows(Samples base, int[] picks) {
            for (int p : picks) {
                if (p < 0 || p >= base.rows()) {
                    throw new IndexOutOfBoundsException("row " + p + " of " + base.rows());
                }
            }
            this.base = base;
            this.picks = picks;
        }

        @Override
        public int rows() {
            return picks.length;
        }

        @Override
        public long columns() {
            return base.columns();
        }

        @Override
        public void read(int row, long from, double[] dst, int off, int len) {
            check(row, picks.length, from, len, columns(), off, dst.length);
            base.read(picks[row], from, dst, off, len);
        }

        @Override
        public Samples selectRows(int[] more) {
            int[] combined = new int[more.length];
            for (int i = 0; i < more.length; i++) {
                combined[i] = picks[more[i]];
            }
            return base.selectRows(combined);
        }

        @Override
        public Optional<Samples.Stored> stored() {
            return base.stored().map(s -> {
                int[] shown = new int[picks.length];
                for (int i = 0; i < picks.length; i++) {
                    shown[i] = s.rowsShown()[picks[i]];
                }
                return new Samples.Stored(s.file(), s.fileRows(), s.columns(), shown);
            });
        }
    }
}
