package org.eegworkflow.eeg.dsp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.blocks.EegDataCodec;
import org.eegworkflow.eeg.blocks.EpochsCodec;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EventMapping;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.TestSamples;
import org.eegworkflow.sdk.ValueCodec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain of {@link PipelineReferenceTest} (whose samples are in the heap) on samples in mapped files, with segments
 * so small that nearly every read crosses one: every value is the very same bits, and checkpoints of the file-backed
 * values are handles that read back the same samples.
 */
class FileBackedPipelineTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"mne_test", "eeguana_f32", "eeguana_i16", "eeguana_edfplus"})
    void givesTheSameBitsAsTheHeap(String prefix) throws IOException {
        // 8 KB + 8 bytes: not a multiple of any row, so rows and FFT blocks straddle segments everywhere
        Samples.Factory files = TestSamples.files(folder, 8200);
        EegData heap = PipelineReferenceTest.read(prefix);
        EegData mapped = read(prefix, files);
        assertTrue(mapped.samples().stored().isPresent());
        assertArrayEquals(heap.data(), mapped.data());

        EegData heapFiltered = FirFilter.filter(heap, 1., 40.);
        EegData filtered = FirFilter.filter(mapped, 1., 40., files);
        assertArrayEquals(heapFiltered.data(), filtered.data());
        assertArrayEquals(FirFilter.filter(heap, null, 30.).data(), FirFilter.filter(mapped, null, 30., files).data());

        int[] eeg = heap.channelsOfKind(org.eegworkflow.eeg.data.ChannelKind.EEG);
        if (eeg.length >= 2) {
            assertArrayEquals(Referencing.average(heapFiltered).data(), Referencing.average(filtered, files).data());
        }
        int[] picks = {heap.channelCount() - 1, 0};
        EegData selected = filtered.withChannels(picks);
        assertArrayEquals(heapFiltered.withChannels(picks).data(), selected.data());

        Events events = EventMapping.fromAnnotations(filtered);
        Epochs heapEpochs = Epoching.extract(heapFiltered, events, -0.2, 0.5, true, null, 0., Set.of());
        Epochs epochs = Epoching.extract(filtered, events, -0.2, 0.5, true, null, 0., Set.of());
        assertArrayEquals(heapEpochs.data(), epochs.data());
        assertArrayEquals(heapEpochs.eventSamples(), epochs.eventSamples());
        assertArrayEquals(Averaging.average(heapEpochs).data(), Averaging.average(epochs).data());
        assertArrayEquals(HaarWavelet.features(heapEpochs, false).features(),
                HaarWavelet.features(epochs, false).features());

        EegData restored = (EegData) roundTrip(new EegDataCodec(), selected, 2_000);
        assertEquals(selected.channelNames(), restored.channelNames());
        assertEquals(selected.annotations(), restored.annotations());
        assertArrayEquals(selected.data(), restored.data());
        Epochs restoredEpochs = (Epochs) roundTrip(new EpochsCodec(), epochs, 200_000);
        assertArrayEquals(epochs.data(), restoredEpochs.data());
        assertArrayEquals(epochs.eventIds(), restoredEpochs.eventIds());
    }

    private static EegData read(String prefix, Samples.Factory files) {
        return switch (prefix) {
            case "mne_test" -> BrainVisionReader.read(EegTestData.file("brainvision-mne/test.vhdr"), w -> { }, files);
            case "eeguana_f32" -> BrainVisionReader.read(
                    EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr"), w -> { }, files);
            case "eeguana_i16" -> BrainVisionReader.read(
                    EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr"), w -> { }, files);
            case "eeguana_edfplus" ->
                    EdfReader.read(EegTestData.file("brainvision-eeguana/bv_export_edf+.edf"), w -> { }, files);
            default -> throw new IllegalArgumentException(prefix);
        };
    }

    /** Writes a value as a checkpoint would and reads it back, checking the record holds no samples. */
    private static Object roundTrip(ValueCodec codec, Object value, int maxBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        codec.write(value, new DataOutputStream(bytes));
        assertTrue(bytes.size() < maxBytes, "a checkpoint of " + bytes.size() + " bytes");
        return codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
