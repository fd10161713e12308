package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The samples of a BrainVision data file in text form ({@code DataFormat=ASCII}): numbers separated by blanks, a
 * decimal comma read as a point (as MNE does), the first {@code SkipLines} lines and {@code SkipColumns} columns
 * ignored. Multiplexed files have one line per sample, vectorized ones one line per channel. The file is scanned twice,
 * once to count and once to parse, so that nothing but the result is held in memory.
 */
final class AsciiSamples {
    private static final int END_OF_FILE = 0;
    private static final int TOKEN = 1;
    private static final int END_OF_LINE = 2;
    private static final int MAX_TOKEN = 100;

    private AsciiSamples() {
    }

    static double[][] read(Path file, int channels, boolean vectorized, long dataPoints, int skipLines,
                           int skipColumns, double[] scales) throws IOException {
        long lines = 0;
        long firstLineValues = -1;
        try (Tokens t = new Tokens(Files.newInputStream(file))) {
            t.skipLines(skipLines);
            long tokens = 0;
            for (int kind = t.next(); ; kind = t.next()) {
                if (kind == TOKEN) {
                    tokens++;
                    continue;
                }
                if (tokens > 0) {
                    lines++;
                    if (firstLineValues < 0) {
                        firstLineValues = tokens - skipColumns;
                    }
                }
                tokens = 0;
                if (kind == END_OF_FILE) {
                    break;
                }
            }
        }
        long samples;
        if (vectorized) {
            if (lines != channels) {
                throw EegFormatException.in(file, "has " + lines + " lines of values but NumberOfChannels=" + channels
                        + "; a VECTORIZED text file has one line per channel");
            }
            samples = Math.max(0, firstLineValues);
        } else {
            samples = lines;
        }
        if (dataPoints >= 0 && samples != dataPoints) {
            throw EegFormatException.in(file, (samples < dataPoints ? "is truncated: it " : "")
                    + "holds " + samples + " samples but the header says DataPoints=" + dataPoints);
        }
        if (samples == 0) {
            throw EegFormatException.in(file, "holds no samples");
        }
        double[][] data = ReaderSupport.arrays(file, channels, samples);
        try (Tokens t = new Tokens(Files.newInputStream(file))) {
            t.skipLines(skipLines);
            int row = 0;
            int column = 0;
            long line = skipLines + 1;
            int expected = vectorized ? (int) samples : channels;
            for (int kind = t.next(); ; kind = t.next()) {
                if (kind == TOKEN) {
                    if (column >= skipColumns) {
                        int index = column - skipColumns;
                        if (index >= expected) {
                            throw EegFormatException.in(file, "line " + line + " has more than the " + expected
                                    + " values " + (vectorized ? "of the other channel lines" : "of the channels"));
                        }
                        if (row >= (vectorized ? channels : samples)) {
                            throw EegFormatException.in(file, "changed while being read");
                        }
                        int c = vectorized ? row : index;
                        int s = vectorized ? index : row;
                        data[c][s] = t.number(file, line) * scales[c];
                    }
                    column++;
                    continue;
                }
                if (column > 0) {
                    if (column - skipColumns != expected) {
                        throw EegFormatException.in(file, "line " + line + " has " + Math.max(0, column - skipColumns)
                                + " values where " + expected + " were expected ("
                                + (vectorized ? "one per sample" : "one per channel") + ")");
                    }
                    row++;
                }
                column = 0;
                line++;
                if (kind == END_OF_FILE) {
                    break;
                }
            }
        }
        return data;
    }

    /** Blank-separated words of a text file, read in blocks, with the line ends between them. */
    private static final class Tokens implements AutoCloseable {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private final char[] token = new char[MAX_TOKEN];
        private int length;
        private boolean tooLong;

        Tokens(InputStream in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }

        void skipLines(int lines) throws IOException {
            for (int skipped = 0; skipped < lines; ) {
                int b = read();
                if (b < 0) {
                    return;
                }
                if (b == '\n') {
                    skipped++;
                }
            }
        }

        int next() throws IOException {
            int b = read();
            while (b == ' ' || b == '\t' || b == '\r' || b == '\f') {
                b = read();
            }
            if (b < 0) {
                return END_OF_FILE;
            }
            if (b == '\n') {
                return END_OF_LINE;
            }
            length = 0;
            tooLong = false;
            while (b >= 0 && b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != '\n') {
                if (length < MAX_TOKEN) {
                    token[length++] = b == ',' ? '.' : (char) b;
                } else {
                    tooLong = true;
                }
                b = read();
            }
            if (b == '\n') {
                position--; // the line end is the next thing returned
            }
            return TOKEN;
        }

        double number(Path file, long line) {
            String text = new String(token, 0, length);
            if (!tooLong) {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw EegFormatException.in(file, "line " + line + ": " + ReaderSupport.quote(text) + " is not a number");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
