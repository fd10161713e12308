package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Set;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.dsp.Averaging;
import org.eegworkflow.eeg.dsp.Epoching;
import org.eegworkflow.eeg.dsp.FirFilter;
import org.eegworkflow.sdk.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read, filter, epochs and average of a recording as the engine runs them (samples in files of a folder) allocate
 * far less heap than the recording takes as doubles, and give the same bits as the same chain in the heap.
 */
class LongRecordingMemoryTest {
    @TempDir
    Path folder;

    @Test
    void heapDoesNotGrowWithTheRecording() throws IOException {
        int channels = 32;
        int rate = 1000;
        int seconds = 600;
        Path vhdr = SyntheticRecording.writeBrainVision(folder, "long", channels, rate, seconds);
        long recordingBytes = 8L * channels * rate * seconds;
        Samples.Factory files = (rows, columns) -> Samples.writer(folder.resolve("values"), rows, columns);

        long before = allocatedBytes();
        EegData raw = BrainVisionReader.read(vhdr, w -> { }, files);
        EegData filtered = FirFilter.filter(raw, 1., 40., files);
        Epochs epochs = Epoching.extract(filtered, EventMapping.fromAnnotations(filtered), -0.2, 0.5, true, null, 0.,
                Set.of());
        Epochs evoked = Averaging.average(epochs);
        long allocated = allocatedBytes() - before;

        System.out.printf(java.util.Locale.ROOT, "read, filter, epochs, average of %d MB of samples allocated %d MB%n",
                recordingBytes / 1_000_000, allocated / 1_000_000);
        assertEquals(channels, evoked.channelCount());
        assertTrue(filtered.samples().stored().isPresent());
        // allocated, not merely retained: an upper bound of what the chain held in the heap at any time
        assertTrue(allocated < recordingBytes / 4, "the chain allocated " + allocated / 1_000_000 + " MB for a "
                + recordingBytes / 1_000_000 + " MB recording");

        EegData heap = BrainVisionReader.read(vhdr, w -> { });
        EegData heapFiltered = FirFilter.filter(heap, 1., 40.);
        Epochs heapEvoked = Averaging.average(Epoching.extract(heapFiltered, EventMapping.fromAnnotations(heap),
                -0.2, 0.5, true, null, 0., Set.of()));
        assertArrayEquals(heapEvoked.data(), evoked.data());
        for (int c = 0; c < channels; c += 7) {
            assertArrayEquals(heapFiltered.samples().row(c), filtered.samples().row(c), 0.);
        }
    }

    /** Bytes allocated so far by all live threads (the filter's workers included). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}
