package org.eegworkflow.eeg.blocks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.ValueCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EEG blocks run as the engine runs them, on the real MNE test recording. */
class EegBlocksTest {
    private final List<String> log = new ArrayList<>();
    private final BlockContext context = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return Path.of("target");
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private BlockInvoker.Outcome run(Class<?> type, Map<String, String> values, Map<String, Object> inputs) {
        Map<String, List<Object>> arrived = new HashMap<>();
        inputs.forEach((name, value) -> arrived.put(name, List.of(value)));
        return BlockInvoker.invoke(BlockIntrospector.describe(EegTypes.MODULE, type), values, arrived, context,
                EegTestData.dir());
    }

    private EegData recording() {
        return (EegData) run(OfflineDataProvider.class, Map.of("EEG File", "brainvision-mne/test.vhdr"), Map.of())
                .outputs().get("EEGData");
    }

    @Test
    void everyBlockOfTheModuleMeetsTheSdkContract() {
        EegModule module = new EegModule();
        for (Class<?> type : module.blockTypes()) {
            BlockIntrospector.describe(module.name(), type);
        }
        assertEquals(List.of("EEGData", "Epochs", "FeatureVector", "Model"),
                module.codecs().stream().map(ValueCodec::type).toList());
    }

    @Test
    void theDataProviderAcceptsTheHeaderTheMarkersOrTheDataFile() {
        for (String picked : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            BlockInvoker.Outcome read = run(OfflineDataProvider.class,
                    Map.of("EEG File", "brainvision-mne/" + picked), Map.of());
            assertTrue(read.display().startsWith("test.vhdr: 32 channels (26 EEG, 6 misc), 7900 samples at 1000 Hz"
                    + " (7.90 s), 14 markers"), read.display());
        }
    }

    @Test
    void eeglabDataSetsAreReadByTheirBlockAndByTheDataProvider() {
        String expected = "nested_fdt.set: 4 channels (4 EEG), 500 samples at 250 Hz (2.00 s), 5 markers";
        BlockInvoker.Outcome read = run(EEGLABDataProvider.class,
                Map.of("EEGLAB File", "reference/eeglab/nested_fdt.set"), Map.of());
        assertEquals(expected, read.display());
        assertEquals(expected, run(OfflineDataProvider.class, Map.of("EEG File", "reference/eeglab/nested_fdt.set"),
                Map.of()).display());
        BlockInvoker.Outcome ids = run(EventAndIds.class, Map.of(), Map.of("EEGData", read.outputs().get("EEGData")));
        assertTrue(ids.display().contains("square"), ids.display());
    }

    @Test
    void filterEpochsAverageAndFeaturesChainLikeMne() {
        EegData raw = recording();
        BlockInvoker.Outcome filtered = run(Filter.class,
                Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"), Map.of("EEGData", raw));
        assertEquals("band-pass 1-40 Hz, FIR of 3301 taps (Hamming, zero phase), 26 EEG channels filtered",
                filtered.display());
        BlockInvoker.Outcome epochs = run(EpochExtraction.class, Map.of(),
                Map.of("EEGData", filtered.outputs().get("EEGData")));
        assertEquals("11 epochs x 32 channels x 701 samples (-0.2 to 0.5 s); 3 dropped (window outside the"
                + " recording or repeated event)", epochs.display());
        BlockInvoker.Outcome average = run(EpochAveraging.class, Map.of(),
                Map.of("Epochs", epochs.outputs().get("Epochs")));
        assertEquals("average of 11 epochs, 26 EEG channels x 701 samples", average.display());
        BlockInvoker.Outcome features = run(WaveletTransform.class, Map.of(),
                Map.of("Epochs", epochs.outputs().get("Epochs")));
        FeatureVectors vectors = (FeatureVectors) features.outputs().get("FeatureVector");
        assertEquals(11, vectors.count());
        assertEquals(26 * 351, vectors.width());

        BlockInvoker.Outcome labelled = run(FeatureLabeling.class, Map.of("Labels", "[\"253,254\", \"255\"]"),
                Map.of("FeatureVector", vectors));
        FeatureVectors classes = (FeatureVectors) labelled.outputs().get("FeatureVector");
        assertEquals(List.of("253,254", "255"), classes.classNames());
        assertTrue(labelled.display().startsWith("2 classes: 253,254 ("), labelled.display());
    }

    @Test
    void eventIdsSelectByNumberOrByMarkerName() {
        EegData raw = recording();
        BlockInvoker.Outcome byName = run(EpochExtraction.class, Map.of("Event Id", "S255"), Map.of("EEGData", raw));
        BlockInvoker.Outcome byId = run(EpochExtraction.class, Map.of("Event Id", "255"), Map.of("EEGData", raw));
        assertArrayEquals(((Epochs) byId.outputs().get("Epochs")).eventSamples(),
                ((Epochs) byName.outputs().get("Epochs")).eventSamples());
        BlockFailedException unknown = assertThrows(BlockFailedException.class,
                () -> run(EpochExtraction.class, Map.of("Event Id", "7"), Map.of("EEGData", raw)));
        assertTrue(unknown.getMessage().startsWith("property 'Event Id': no event has id 7 in test.vhdr"),
                unknown.getMessage());
    }

    @Test
    void theExportIsTheAverageInMicrovoltsRowByRow() throws IOException {
        EegData raw = recording();
        Object filtered = run(Filter.class, Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"),
                Map.of("EEGData", raw)).outputs().get("EEGData");
        Object epochs = run(EpochExtraction.class, Map.of(), Map.of("EEGData", filtered)).outputs().get("Epochs");
        Epochs average = (Epochs) run(EpochAveraging.class, Map.of(), Map.of("Epochs", epochs)).outputs()
                .get("Epochs");
        Table table = (Table) run(Export.class, Map.of("File name", "evoked"), Map.of("Epochs", average)).shown();
        assertEquals(701, table.rows().size());
        assertEquals("time (s)", table.header().get(0));
        assertEquals(average.data()[0][3][100] * 1e6, (double) table.rows().get(100).get(4), 1e-12);
        assertEquals("connect exactly one input to Export: EEGData or Epochs", assertThrows(BlockFailedException.class,
                () -> run(Export.class, Map.of(), Map.of())).getMessage());
    }

    @Test
    void codecsGiveBackExactlyWhatTheyWrote() throws IOException {
        EegData raw = recording();
        EegData back = (EegData) roundTrip(new EegDataCodec(), raw);
        assertEquals(raw.channelNames(), back.channelNames());
        assertEquals(raw.channelKinds(), back.channelKinds());
        assertEquals(raw.annotations(), back.annotations());
        for (int c = 0; c < raw.channelCount(); c++) {
            assertArrayEquals(raw.data()[c], back.data()[c]);
        }
        Epochs epochs = (Epochs) run(EpochExtraction.class, Map.of(), Map.of("EEGData", raw)).outputs().get("Epochs");
        Epochs again = (Epochs) roundTrip(new EpochsCodec(), epochs);
        assertArrayEquals(epochs.times(), again.times());
        assertArrayEquals(epochs.eventIds(), again.eventIds());
        assertEquals(epochs.idsByDescription(), again.idsByDescription());
        for (int e = 0; e < epochs.epochCount(); e++) {
            for (int c = 0; c < epochs.channelCount(); c++) {
                assertArrayEquals(epochs.data()[e][c], again.data()[e][c]);
            }
        }
    }

    private static Object roundTrip(ValueCodec codec, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(value, out);
        }
        return codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
