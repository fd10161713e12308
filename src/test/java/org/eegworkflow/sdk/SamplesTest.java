package org.eegworkflow.sdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesTest {
    @TempDir
    Path folder;

    private static double[][] random(int rows, int columns) {
        Random random = new Random(rows * 31L + columns);
        double[][] data = new double[rows][columns];
        for (double[] row : data) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextGaussian();
            }
        }
        return data;
    }

    /** Writes {@code data} in runs of {@code run} columns. */
    private static Samples write(Samples.Factory factory, double[][] data, int run) {
        Samples.Writer writer = factory.newSamples(data.length, data[0].length);
        for (int r = 0; r < data.length; r++) {
            for (int from = 0; from < data[r].length; from += run) {
                writer.write(r, from, data[r], from, Math.min(run, data[r].length - from));
            }
        }
        return writer.finish();
    }

    @Test
    void readsAcrossMappedSegmentsWhatWasWritten() {
        double[][] data = random(5, 101);
        // segments of 7 doubles: almost every run of a read or write crosses one
        Samples samples = write(TestSamples.files(folder, 56), data, 13);
        assertEquals(5, samples.rows());
        assertEquals(101, samples.columns());
        assertArrayEquals(data, samples.toArray());
        double[] buffer = new double[40];
        for (int from = 0; from + 30 <= 101; from += 9) {
            samples.read(3, from, buffer, 5, 30);
            for (int i = 0; i < 30; i++) {
                assertEquals(data[3][from + i], buffer[5 + i], 0.);
            }
        }
        assertEquals(data[4][100], samples.get(4, 100), 0.);
        assertThrows(IndexOutOfBoundsException.class, () -> samples.read(0, 90, buffer, 0, 12));
        assertThrows(IndexOutOfBoundsException.class, () -> samples.read(5, 0, buffer, 0, 1));
    }

    @Test
    void aViewOfRowsSharesTheFileAndIsStoredAsIts() throws IOException {
        double[][] data = random(4, 20);
        Samples samples = write(TestSamples.files(folder, 64), data, 20);
        Samples view = samples.selectRows(new int[] {3, 1}).selectRows(new int[] {1});
        assertArrayEquals(data[1], view.row(0), 0.);
        Samples.Stored stored = view.stored().orElseThrow();
        assertEquals(4, stored.fileRows());
        assertArrayEquals(new int[] {1}, stored.rowsShown());
        assertArrayEquals(data[1], Samples.open(stored).row(0), 0.);
        assertArrayEquals(data, Samples.open(samples.stored().orElseThrow()).toArray());
    }

    @Test
    void aCheckpointRecordsAHandleForAFileAndTheValuesForSamplesInMemory() throws IOException {
        double[][] data = random(3, 50);
        Samples inFile = write(TestSamples.files(folder, 80), data, 50);
        byte[] handle = encode(inFile);
        assertTrue(handle.length < 200, "a handle, not the samples: " + handle.length + " bytes");
        assertArrayEquals(data, decode(handle).toArray());

        byte[] inline = encode(Samples.of(data));
        assertTrue(inline.length > 8 * 150);
        assertArrayEquals(data, decode(inline).toArray());

        // a file that lost samples is refused, not read as zeros
        Path file = inFile.stored().orElseThrow().file();
        Files.write(file, new byte[16]);
        assertThrows(IOException.class, () -> decode(handle));
    }

    @Test
    void aWriterKeepsSmallSamplesInTheHeapAndBigOnesInAFileOfItsFolder() throws IOException {
        assertTrue(Samples.writer(folder, 2, 100).finish().stored().isEmpty());
        Samples.Writer big = Samples.writer(folder.resolve("values"), 2, Samples.SMALL_BYTES);
        big.write(1, Samples.SMALL_BYTES - 1, new double[] {7}, 0, 1);
        Samples samples = big.finish();
        Path file = samples.stored().orElseThrow().file();
        assertEquals(folder.resolve("values"), file.getParent());
        assertEquals(16L * Samples.SMALL_BYTES, Files.size(file));
        assertEquals(7, samples.get(1, Samples.SMALL_BYTES - 1), 0.);
        assertEquals(0, samples.get(0, 12), 0.);
        assertThrows(IllegalStateException.class, () -> big.write(0, 0, new double[1], 0, 1));
    }

    @Test
    void emptySamplesKeepTheirColumns() {
        Samples none = Samples.inMemory().newSamples(0, 7).finish();
        assertEquals(0, none.rows());
        assertEquals(7, none.columns());
    }

    private static byte[] encode(Samples samples) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StandardCodecs.writeSamples(new DataOutputStream(bytes), samples);
        return bytes.toByteArray();
    }

    private static Samples decode(byte[] bytes) throws IOException {
        return StandardCodecs.readSamples(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
