package org.eegworkflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.EdfReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The benchmark's long recording: a real EDF+ file repeated, still valid EDF+ with its events shifted. */
class EdfTilerTest {
    private static final Path SOURCE = EegTestData.file("edf-eegmmidb/S001R03.edf");

    @Test
    void threeCopiesReadBackAsOneRecordingThreeTimesAsLong(@TempDir Path dir) throws Exception {
        EegData original = EdfReader.read(SOURCE);
        Path tiled = EdfTiler.tile(SOURCE, dir.resolve("x3.edf"), 3);
        EegData long3 = EdfReader.read(tiled);

        int n = original.sampleCount();
        assertEquals(3 * n, long3.sampleCount());
        assertEquals(original.channelNames(), long3.channelNames());
        for (int c = 0; c < original.channelCount(); c++) {
            for (int copy = 0; copy < 3; copy++) {
                double[] part = java.util.Arrays.copyOfRange(long3.data()[c], copy * n, (copy + 1) * n);
                assertArrayEquals(original.data()[c], part, "channel " + c + ", copy " + copy);
            }
        }
        List<Annotation> a = original.annotations();
        List<Annotation> b = long3.annotations();
        assertEquals(3 * a.size(), b.size());
        double seconds = n / original.samplingRate();
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 0; i < a.size(); i++) {
                Annotation expected = a.get(i);
                Annotation actual = b.get(copy * a.size() + i);
                assertEquals(expected.description(), actual.description());
                assertEquals(expected.onset() + copy * seconds, actual.onset(), 1e-9);
                assertEquals(expected.duration(), actual.duration(), 1e-12);
            }
        }
    }

    @Test
    void anExistingTargetOfTheRightSizeIsKept(@TempDir Path dir) throws Exception {
        Path target = EdfTiler.tile(SOURCE, dir.resolve("x2.edf"), 2);
        long modified = Files.getLastModifiedTime(target).toMillis();
        Thread.sleep(20);
        EdfTiler.tile(SOURCE, target, 2);
        assertEquals(modified, Files.getLastModifiedTime(target).toMillis());
    }

    @Test
    void aFileWithoutAnnotationsSignalIsRefused(@TempDir Path dir) throws Exception {
        byte[] header = Files.readAllBytes(SOURCE);
        int signals = Integer.parseInt(new String(header, 252, 4, java.nio.charset.StandardCharsets.US_ASCII).trim());
        // rename the last signal, the annotations, to an ordinary label
        byte[] label = String.format("%-16s", "EEG Extra").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, header, 256 + (signals - 1) * 16, 16);
        Path plain = Files.write(dir.resolve("plain.edf"), header);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdfTiler.tile(plain, dir.resolve("out.edf"), 2));
        assertEquals(plain + " has no 'EDF Annotations' signal: it is not EDF+", e.getMessage());
    }
}
