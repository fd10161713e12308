package org.eegworkflow.eeg.blocks;

import java.io.BufferedReader;
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

import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GroupStatistics against scipy 1.10's ttest_1samp / ttest_rel and MNE 1.3's fdr_correction on 12 synthetic
 * subjects with an effect injected at two channels and eleven times ({@code make_stats_reference.py}): t within
 * 1e-12, p within 1e-9 relative, the same tests significant after FDR.
 */
class GroupStatisticsTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private Table run(Map<String, String> values, List<Epochs> a, List<Epochs> b) {
        Map<String, List<Object>> arrived = new HashMap<>();
        arrived.put("Epochs", new ArrayList<>(a));
        if (b != null) {
            arrived.put("Epochs B", new ArrayList<>(b));
        }
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
        return (Table) BlockInvoker.invoke(BlockIntrospector.describe(EegTypes.MODULE, GroupStatistics.class), values,
                arrived, context, EegTestData.dir()).shown();
    }

    private static List<double[]> rows(String name) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                SpectralBlocksTest.referenceFile(name))), StandardCharsets.US_ASCII))) {
            return in.lines().map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toList();
        }
    }

    private static List<Epochs> subjects(String name) throws IOException {
        List<double[]> rows = rows(name);
        int channels = 5;
        List<String> names = List.of("C1", "C2", "C3", "C4", "C5");
        double[] times = new double[rows.get(0).length - 2];
        for (int k = 0; k < times.length; k++) {
            times[k] = k / 100.0;
        }
        List<Epochs> subjects = new ArrayList<>();
        for (int s = 0; s < rows.size() / channels; s++) {
            double[][][] data = new double[1][channels][];
            for (int c = 0; c < channels; c++) {
                double[] r = rows.get(s * channels + c);
                data[0][c] = Arrays.copyOfRange(r, 2, r.length);
            }
            subjects.add(new Epochs("sub-" + s, 100, names, java.util.Collections.nCopies(channels, ChannelKind.EEG),
                    times, data, new int[0], new int[0], Map.of(), true, 30));
        }
        return subjects;
    }

    @Test
    void oneSampleAndPairedTestsEqualScipyAndMnesFdr() throws IOException {
        for (boolean paired : new boolean[] {false, true}) {
            Table table = run(Map.of(), subjects("stats_input.csv.gz"),
                    paired ? subjects("stats_input_b.csv.gz") : null);
            List<double[]> expected = rows(paired ? "stats_paired.csv.gz" : "stats_result.csv.gz");
            assertEquals(expected.size(), table.rows().size());
            int significant = 0;
            for (int i = 0; i < expected.size(); i++) {
                double[] e = expected.get(i);
                List<Object> row = table.rows().get(i);
                assertEquals("C" + ((int) e[0] + 1), row.get(0));
                double t = (Double) row.get(3);
                double p = (Double) row.get(4);
                double q = (Double) row.get(5);
                assertTrue(Math.abs(t - e[3]) <= 1e-12 * Math.abs(e[3]), "t " + t + " vs " + e[3]);
                assertTrue(Math.abs(p - e[4]) <= 1e-9 * e[4], "p " + p + " vs " + e[4]);
                assertTrue(Math.abs(q - e[5]) <= 1e-9 * e[5], "corrected p " + q + " vs " + e[5]);
                assertEquals(e[6] == 1, row.get(6), "significance of row " + i);
                significant += e[6] == 1 ? 1 : 0;
            }
            assertTrue(significant > 0, "the injected effect is found");
        }
        // the effect was injected at C2 and C3, times 0.15-0.25 s: FDR finds nearly all of its 22 tests
        Table oneSample = run(Map.of(), subjects("stats_input.csv.gz"), null);
        long found = oneSample.rows().stream().filter(r -> (Boolean) r.get(6)
                && List.of("C2", "C3").contains(r.get(0)) && (Double) r.get(1) >= 0.15 - 1e-9
                && (Double) r.get(1) <= 0.25 + 1e-9).count();
        assertTrue(found >= 18, found + " of the 22 injected tests found");
    }

    @Test
    void tooFewSubjectsAndBadSettingsAreNamed() throws IOException {
        List<Epochs> subjects = subjects("stats_input.csv.gz");
        Throwable e = assertThrows(RuntimeException.class, () -> run(Map.of(), subjects.subList(0, 1), null));
        assertTrue(e.getMessage().contains("at least 2 subjects"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(Map.of("Correction", "holm"), subjects, null));
        assertTrue(e.getMessage().contains("Correction"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(Map.of(), subjects, subjects.subList(0, 3)));
        assertTrue(e.getMessage().contains("Epochs B"), e.getMessage());
    }
}
