package org.eegworkflow.eeg.blocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.io.EventMapping;
import org.eegworkflow.sdk.BlockContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RejectEpochs, per-condition averaging and Contrast against MNE 1.3 on the PhysioNet run (band-passed 1-40 Hz,
 * epochs -0.2..0.5 s): the same epochs kept and dropped for the same channels, and averages and their difference
 * within 1e-9 (references: {@code reference/analyses/make_analyses_reference.py}).
 */
class ErpBlocksTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private BlockInvoker.Outcome run(Class<?> type, Map<String, String> values, Map<String, Object> inputs) {
        Map<String, List<Object>> arrived = new HashMap<>();
        inputs.forEach((name, value) -> arrived.put(name, List.of(value)));
        BlockContext context = new BlockContext() {
            @Override
            public Path workingDirectory() {
                return dir;
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
        return BlockInvoker.invoke(BlockIntrospector.describe(EegTypes.MODULE, type), values, arrived, context,
                EegTestData.dir());
    }

    private Object out(Class<?> type, Map<String, String> values, Map<String, Object> inputs, String port) {
        return run(type, values, inputs).outputs().get(port);
    }

    private EegData filtered() {
        EegData raw = (EegData) out(EdfDataProvider.class, Map.of("EDF File", "edf-eegmmidb/S001R03.edf"), Map.of(),
                "EEGData");
        return (EegData) out(Filter.class, Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"),
                Map.of("EEGData", raw), "EEGData");
    }

    private Epochs epochs(EegData data) {
        return (Epochs) out(EpochExtraction.class, Map.of(), Map.of("EEGData", data), "Epochs");
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 450})
    void rejectionKeepsAndDropsTheEpochsMneDoes(int microvolts) throws IOException {
        EegData data = filtered();
        Events events = EventMapping.fromAnnotations(data);
        Epochs kept = (Epochs) out(RejectEpochs.class, Map.of("Reject (µV)", Integer.toString(microvolts),
                "Flat (µV)", "1"), Map.of("Epochs", epochs(data)), "Epochs");
        List<String> lines = Files.readAllLines(SpectralBlocksTest.referenceFile("S001R03_reject_" + microvolts
                + ".txt"));
        int[] selection = Arrays.stream(lines.get(0).substring("selection".length()).trim().split(" "))
                .mapToInt(Integer::parseInt).toArray();
        int[] expected = Arrays.stream(selection).map(i -> events.samples()[i]).toArray();
        assertEquals(Arrays.toString(expected), Arrays.toString(kept.eventSamples()));
        // MNE's drop log: the channels named for each dropped epoch (MNE's own NO_DATA entries aside)
        List<String> mneDropped = lines.stream().skip(1).filter(l -> !l.endsWith("NO_DATA"))
                .map(l -> l.substring(l.indexOf(' ', "dropped ".length()) + 1)).toList();
        List<String> ours = log.stream().filter(l -> l.startsWith("dropped epoch"))
                .map(l -> l.substring(l.indexOf(" on ") + 4).replace(", ", " ")).toList();
        assertEquals(mneDropped, ours);
    }

    @Test
    void conditionAveragesAndTheirContrastEqualMnes() throws IOException {
        Epochs kept = (Epochs) out(RejectEpochs.class, Map.of("Reject (µV)", "450"),
                Map.of("Epochs", epochs(filtered())), "Epochs");
        Epochs t1 = (Epochs) out(EpochAveraging.class, Map.of("Condition", "T1"), Map.of("Epochs", kept), "Epochs");
        Epochs t2 = (Epochs) out(EpochAveraging.class, Map.of("Condition", "T2"), Map.of("Epochs", kept), "Epochs");
        assertEquals(7, t1.nave());
        assertEquals(6, t2.nave());
        assertEquals("T1", t1.condition());
        Epochs diff = (Epochs) out(Contrast.class, Map.of(), Map.of("A", t1, "B", t2), "Epochs");
        assertEquals("T1 - T2", diff.condition());
        assertEquals(3, diff.nave());
        for (Object[] c : new Object[][] {{t1, "S001R03_average_T1"}, {t2, "S001R03_average_T2"},
            {diff, "S001R03_contrast"}}) {
            Epochs e = (Epochs) c[0];
            SpectralBlocksTest.Csv ref = SpectralBlocksTest.reference((String) c[1]);
            assertEquals(ref.header(), e.channelNames());
            double scale = 0;
            double worst = 0;
            for (int ch = 0; ch < e.channelCount(); ch++) {
                double[] ours = e.epochRow(0, ch);
                double[] theirs = ref.column(ch);
                for (int t = 0; t < ours.length; t++) {
                    scale = Math.max(scale, Math.abs(theirs[t]));
                    worst = Math.max(worst, Math.abs(ours[t] - theirs[t]));
                }
            }
            assertTrue(worst <= 1e-9 * scale, c[1] + ": off by " + worst / scale + " of the peak");
        }
    }

    @Test
    void wrongInputsAreNamed() {
        Epochs kept = epochs(filtered());
        Throwable e = assertThrows(RuntimeException.class, () -> run(EpochAveraging.class,
                Map.of("Condition", "T7"), Map.of("Epochs", kept)));
        assertTrue(e.getMessage().contains("Condition") && e.getMessage().contains("T1"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(Contrast.class, Map.of(), Map.of("A", kept, "B", kept)));
        assertTrue(e.getMessage().contains("average"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(RejectEpochs.class, Map.of("Reject (µV)", "-3"),
                Map.of("Epochs", kept)));
        assertTrue(e.getMessage().contains("Reject"), e.getMessage());
    }
}
