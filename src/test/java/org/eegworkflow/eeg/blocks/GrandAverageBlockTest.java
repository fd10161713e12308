package org.eegworkflow.eeg.blocks;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Table;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GrandAverage run as the engine runs blocks: the PhysioNet runs read, filtered, cut at T1 and averaged by the
 * blocks, their grand average against MNE 1.3's (reference/group), then checkpointed, plotted and exported.
 */
class GrandAverageBlockTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

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

    /** Runs a block; each input gets the values listed for it, one per connected edge. */
    private BlockInvoker.Outcome run(Class<?> type, Map<String, String> values, Map<String, List<Object>> inputs) {
        return BlockInvoker.invoke(BlockIntrospector.describe(EegTypes.MODULE, type), values, inputs, context,
                EegTestData.dir());
    }

    private Object one(Class<?> type, Map<String, String> values, String input, Object value, String output) {
        Map<String, List<Object>> inputs = new HashMap<>();
        if (input != null) {
            inputs.put(input, List.of(value));
        }
        return run(type, values, inputs).outputs().get(output);
    }

    /** EDFDataProvider -> Filter 1-40 -> EpochExtraction (one condition) -> EpochAveraging. */
    private Epochs subject(String file, String condition) {
        Object raw = one(EdfDataProvider.class, Map.of("EDF File", file), null, null, "EEGData");
        Object filtered = one(Filter.class, Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"),
                "EEGData", raw, "EEGData");
        Object epochs = one(EpochExtraction.class, Map.of("Event Id", condition), "EEGData", filtered, "Epochs");
        return (Epochs) one(EpochAveraging.class, Map.of(), "Epochs", epochs, "Epochs");
    }

    @Test
    void theBlockDeclaresAnArrayOfEpochsInAGroupFamily() {
        BlockSpec spec = BlockIntrospector.describe(EegTypes.MODULE, GrandAverage.class);
        assertEquals("Group", spec.family());
        assertEquals("Epochs[]", spec.inputs().get(0).type());
        assertTrue(spec.inputs().get(0).isList());
        assertEquals("Epochs", spec.outputs().get(0).type());
        assertTrue(new EegModule().blockTypes().contains(GrandAverage.class));
    }

    @Test
    void twoRunsPerConditionGiveMnesGrandAverageThroughCheckpointPlotAndExport() throws IOException {
        for (String condition : List.of("T1", "T2")) {
            Epochs r03 = subject("edf-eegmmidb/S001R03.edf", condition);
            Epochs r04 = subject("edf-eegmmidb/S001R04.edf", condition);
            BlockInvoker.Outcome grand = run(GrandAverage.class, Map.of(), Map.of("Epochs", List.of(r03, r04)));
            assertEquals("grand average of 2 subjects, 64 channels x 113 samples", grand.display());
            Epochs average = (Epochs) grand.outputs().get("Epochs");
            assertEquals(2, average.nave());
            assertTrue(average.averaged());

            // a checkpoint gives it back to the bit
            Epochs again = (Epochs) roundTrip(new EpochsCodec(), average);
            assertEquals(average.channelNames(), again.channelNames());
            assertEquals(2, again.nave());
            assertTrue(again.averaged());
            for (int c = 0; c < average.channelCount(); c++) {
                assertArrayEquals(average.epochRow(0, c), again.epochRow(0, c), 0.);
            }

            // the export, in µV, against MNE's grand average
            Table table = (Table) run(Export.class, Map.of("File name", "grand"), Map.of("Epochs", List.of(again)))
                    .shown();
            List<String> header = new ArrayList<>(table.header());
            assertEquals("time (s)", header.remove(0));
            Reference mne = reference("physionet_" + condition + "_grand_average");
            assertEquals(mne.names(), header);
            assertEquals(mne.rows().size(), table.rows().size());
            double worst = 0;
            for (int t = 0; t < mne.rows().size(); t++) {
                List<Object> row = table.rows().get(t);
                for (int c = 0; c < header.size(); c++) {
                    double expected = mne.rows().get(t)[c] * 1e6;
                    double actual = (double) row.get(c + 1);
                    double diff = Math.abs(actual - expected);
                    assertTrue(diff <= 1e-6 * Math.abs(expected) || diff <= 1e-9,
                            condition + " " + header.get(c) + " time " + t + ": " + actual + " µV, MNE " + expected);
                    if (Math.abs(expected) > 1e-3) {
                        worst = Math.max(worst, diff / Math.abs(expected));
                    }
                }
            }
            System.out.printf("AGREEMENT %-45s max relative error %.3g%n", "GrandAverage block export " + condition,
                    worst);

            Graph graph = (Graph) run(EpochPlot.class, Map.of(), Map.of("Epochs", List.of(average))).shown();
            assertTrue(graph.png().length > 1000);
        }
    }

    @Test
    void aWholeCollectionArrivingAsOneValueIsTakenElementByElement() {
        Epochs r03 = subject("edf-eegmmidb/S001R03.edf", "T1");
        Epochs r04 = subject("edf-eegmmidb/S001R04.edf", "T1");
        Epochs edges = (Epochs) run(GrandAverage.class, Map.of(), Map.of("Epochs", List.of(r03, r04))).outputs()
                .get("Epochs");
        Epochs collection = (Epochs) run(GrandAverage.class, Map.of(), Map.of("Epochs", List.of(List.of(r03, r04))))
                .outputs().get("Epochs");
        for (int c = 0; c < edges.channelCount(); c++) {
            assertArrayEquals(edges.epochRow(0, c), collection.epochRow(0, c), 0.);
        }
    }

    @Test
    void differentMontagesKeepTheCommonChannelsAndSaySo() {
        Object raw = one(EdfDataProvider.class, Map.of("EDF File", "edf-eegmmidb/S001R03.edf"), null, null,
                "EEGData");
        Object some = one(ChannelSelection.class, Map.of("Channels", "Cz.., C3.., C4.."), "EEGData", raw, "EEGData");
        Object epochs = one(EpochExtraction.class, Map.of("Event Id", "T1"), "EEGData", some, "Epochs");
        Epochs three = (Epochs) one(EpochAveraging.class, Map.of(), "Epochs", epochs, "Epochs");
        Epochs all = subject("edf-eegmmidb/S001R04.edf", "T1");
        BlockInvoker.Outcome grand = run(GrandAverage.class, Map.of(), Map.of("Epochs", List.of(all, three)));
        assertTrue(grand.display().startsWith("grand average of 2 subjects, 3 channels x 113 samples; left out 61"
                + " channels not in every input: Fc5., Fc3., "), grand.display());
        assertEquals(List.of("C3..", "Cz..", "C4.."), ((Epochs) grand.outputs().get("Epochs")).channelNames());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("left out 61 channels")), log.toString());
    }

    @Test
    void refusesEpochsThatAreNoAverageOtherTimesAndOtherMontages() {
        Epochs average = subject("edf-eegmmidb/S001R03.edf", "T1");
        Object raw = one(EdfDataProvider.class, Map.of("EDF File", "edf-eegmmidb/S001R04.edf"), null, null,
                "EEGData");
        Object epochs = one(EpochExtraction.class, Map.of("Event Id", "T1"), "EEGData", raw, "Epochs");
        assertEquals("input 2 is epochs, not an average: put EpochAveraging before GrandAverage", failure(average,
                epochs));

        Object longer = one(EpochExtraction.class, Map.of("Event Id", "T1", "PostStimulus onset", "1"), "EEGData",
                raw, "Epochs");
        Object longerAverage = one(EpochAveraging.class, Map.of(), "Epochs", longer, "Epochs");
        assertEquals("input 2 (S001R04.edf) has 193 samples from -0.2 to 1.0 s and input 1 (S001R03.edf) 113"
                + " samples from -0.2 to 0.5 s: cut every subject's epochs with the same PreStimulus and PostStimulus"
                + " onset", failure(average, longerAverage));

        Object other = one(OfflineDataProvider.class, Map.of("EEG File", "brainvision-mne/test.vhdr"), null, null,
                "EEGData");
        Object otherEpochs = one(EpochExtraction.class, Map.of(), "EEGData", other, "Epochs");
        Object otherAverage = one(EpochAveraging.class, Map.of(), "Epochs", otherEpochs, "Epochs");
        assertTrue(failure(average, otherAverage).startsWith("No channel is common to all inputs of GrandAverage:"
                + " input 1 has channels Fc5., Fc3., Fc1., Fcz., Fc2., ... (64) and input 2 has "));

        assertEquals("There is no average to take the grand average of: connect one EpochAveraging block per"
                + " subject to GrandAverage", assertThrows(BlockFailedException.class,
                        () -> run(GrandAverage.class, Map.of(), Map.of())).getMessage());
    }

    private String failure(Object... inputs) {
        return assertThrows(BlockFailedException.class,
                () -> run(GrandAverage.class, Map.of(), Map.of("Epochs", List.of(inputs)))).getMessage();
    }

    /** A grand average as make_grand_average_reference.py stored it: channel names, rows of times in volts. */
    record Reference(List<String> names, List<double[]> rows) {
    }

    private static Reference reference(String name) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(EegTestData.file("reference/group/" + name + ".csv.gz"))),
                StandardCharsets.US_ASCII))) {
            List<String> names = Arrays.asList(in.readLine().split(","));
            List<double[]> rows = in.lines()
                    .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
            return new Reference(names, rows);
        }
    }

    private static Object roundTrip(EpochsCodec codec, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(value, out);
        }
        return codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
