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
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Table;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notch, PSD and BandPower against MNE 1.3 on two real recordings (references and the script that made them:
 * {@code reference/analyses/make_analyses_reference.py}): within 1e-9 of the largest value, relative.
 */
class SpectralBlocksTest {
    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private BlockContext context() {
        return new BlockContext() {
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
    }

    private BlockInvoker.Outcome run(Class<?> type, Map<String, String> values, Map<String, Object> inputs) {
        Map<String, List<Object>> arrived = new HashMap<>();
        inputs.forEach((name, value) -> arrived.put(name, List.of(value)));
        return BlockInvoker.invoke(BlockIntrospector.describe(EegTypes.MODULE, type), values, arrived, context(),
                EegTestData.dir());
    }

    private EegData read(String name) {
        boolean bv = name.equals("mne_test");
        return (EegData) run(bv ? OfflineDataProvider.class : EdfDataProvider.class,
                Map.of(bv ? "EEG File" : "EDF File", bv ? "brainvision-mne/test.vhdr" : "edf-eegmmidb/S001R03.edf"),
                Map.of()).outputs().get("EEGData");
    }

    record Csv(List<String> header, double[][] rows) {
        double[] column(int c) {
            return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
        }
    }

    /** A file of {@code src/test/resources/eeg/reference/analyses}. */
    static Path referenceFile(String name) {
        return Path.of("src/test/resources/eeg/reference/analyses", name);
    }

    static Csv reference(String name) throws IOException {
        Path file = referenceFile(name + ".csv.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            List<String> header = List.of(in.readLine().split(","));
            double[][] rows = in.lines().map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble)
                    .toArray()).toArray(double[][]::new);
            return new Csv(header, rows);
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= TOLERANCE * scale, what + ": off by " + worst / scale + " of the peak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mne_test", "S001R03"})
    void notchEqualsMnesNotchFilter(String name) throws IOException {
        EegData raw = read(name);
        Map<String, String> values = name.equals("mne_test") ? Map.of("Frequencies", "50", "Harmonics", "true")
                : Map.of("Frequencies", "60");
        EegData notched = (EegData) run(Notch.class, values, Map.of("EEGData", raw)).outputs().get("EEGData");
        Csv ref = reference(name + "_notch");
        for (int c = 0; c < ref.header().size(); c++) {
            int channel = notched.channelNames().indexOf(ref.header().get(c));
            assertClose(ref.column(c), notched.samples().row(channel), name + " " + ref.header().get(c));
        }
        // misc channels pass through unchanged
        for (int c = 0; c < raw.channelCount(); c++) {
            if (!ref.header().contains(raw.channelNames().get(c)) && name.equals("mne_test")) {
                assertTrue(Arrays.equals(raw.samples().row(c), notched.samples().row(c)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mne_test", "S001R03"})
    void psdEqualsMnesWelch(String name) throws IOException {
        EegData raw = read(name);
        double rate = raw.samplingRate();
        for (String variant : List.of("welch", "welch2s")) {
            Map<String, String> values = variant.equals("welch") ? Map.of()
                    : Map.of("Minimum Frequency", "1", "Maximum Frequency", "45", "FFT Length",
                    Integer.toString((int) (2 * rate)), "Segment Length", Integer.toString((int) (2 * rate)),
                    "Overlap", Integer.toString((int) rate));
            Object shown = run(PSD.class, values, Map.of("EEGData", raw)).shown();
            assertTrue(shown instanceof Graph, "the block shows its spectrum");
            // kept for a person to look at (docs/images/psd.png was taken from here)
            Files.write(Path.of("target", "psd-" + name + "-" + variant + ".png"), ((Graph) shown).png());
            Csv ref = reference(name + "_psd_" + variant);
            Csv ours = readCsv(dir.resolve("psd.csv"));
            assertEquals(ref.header(), ours.header());
            assertClose(ref.column(0), ours.column(0), name + " " + variant + " frequencies");
            for (int c = 1; c < ref.header().size(); c++) {
                assertClose(ref.column(c), ours.column(c), name + " " + variant + " " + ref.header().get(c));
            }
        }
    }

    /** S001R03 with the two spans {@code make_bad_spans_reference.py} adds: MNE matches BAD in any case. */
    private EegData withBadSpans() {
        EegData raw = read("S001R03");
        List<Annotation> annotations = new ArrayList<>(raw.annotations());
        annotations.add(new Annotation(10.0, 5.0, "BAD_movement"));
        annotations.add(new Annotation(50.3, 2.25, "bad_blink"));
        return raw.withAnnotations(annotations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"welch", "welch2s"})
    void psdLeavesOutTheSegmentsTouchingBadSpansAsMneDoes(String variant) throws IOException {
        EegData raw = withBadSpans();
        Map<String, String> values = variant.equals("welch") ? Map.of()
                : Map.of("Minimum Frequency", "1", "Maximum Frequency", "45", "FFT Length", "320",
                "Segment Length", "320", "Overlap", "160");
        run(PSD.class, values, Map.of("EEGData", raw));
        Csv ref = reference("S001R03_psd_" + variant + "_bad");
        Csv ours = readCsv(dir.resolve("psd.csv"));
        assertEquals(ref.header(), ours.header());
        for (int c = 0; c < ref.header().size(); c++) {
            assertClose(ref.column(c), ours.column(c), variant + " with BAD spans " + ref.header().get(c));
        }
        // without the rejection every segment counts, as in the reference made without the spans
        Map<String, String> all = new HashMap<>(values);
        all.put("Reject by annotation", "false");
        run(PSD.class, all, Map.of("EEGData", raw));
        Csv kept = readCsv(dir.resolve("psd.csv"));
        Csv plain = reference("S001R03_psd_" + variant);
        for (int c = 1; c < plain.header().size(); c++) {
            assertClose(plain.column(c), kept.column(c), variant + " not rejecting " + plain.header().get(c));
        }
        assertTrue(Math.abs(kept.rows()[3][1] - ours.rows()[3][1]) > 1e-6 * Math.abs(ours.rows()[3][1]),
                "the BAD spans change the spectrum");
    }

    @Test
    void aRecordingThatIsAllBadIsRefusedByName() {
        EegData raw = read("S001R03");
        EegData bad = raw.withAnnotations(List.of(new Annotation(0, raw.samples().columns() / raw.samplingRate(),
                "BAD_all")));
        Throwable e = assertThrows(RuntimeException.class, () -> run(PSD.class, Map.of(), Map.of("EEGData", bad)));
        assertTrue(String.valueOf(e.getMessage()).contains("BAD"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(BandPower.class, Map.of(), Map.of("EEGData", bad)));
        assertTrue(String.valueOf(e.getMessage()).contains("BAD"), e.getMessage());
        // and with the rejection off the spectrum is there
        run(PSD.class, Map.of("Reject by annotation", "false"), Map.of("EEGData", bad));
        assertTrue(Files.exists(dir.resolve("psd.csv")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mne_test", "S001R03"})
    void bandPowerEqualsTheBandsOfMnesSpectrum(String name) throws IOException {
        EegData raw = read(name);
        Table table = (Table) run(BandPower.class, Map.of(), Map.of("EEGData", raw)).shown();
        Csv ref = reference(name + "_bandpower");
        List<List<Object>> rows = table.rows();
        assertEquals(ref.rows().length, rows.size());
        List<String> bands = List.of("delta", "theta", "alpha", "beta", "gamma");
        int channels = rows.size() / bands.size();
        for (int i = 0; i < ref.rows().length; i++) {
            double[] r = ref.rows()[i];
            // ours: channel-major; MNE's script: band-major
            List<Object> row = rows.get((int) r[1] * bands.size() + (int) r[0]);
            assertEquals(bands.get((int) r[0]), row.get(1));
            for (int k = 0; k < 3; k++) {
                double expected = r[2 + k];
                double actual = ((Number) row.get(4 + k)).doubleValue();
                assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.abs(expected),
                        name + " " + row + " vs " + Arrays.toString(r));
            }
        }
        assertTrue(channels > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cz", "p7p8", "average_bad_fp1", "bipolar"})
    void rereferenceEqualsMnesSetEegReference(String label) throws IOException {
        EegData raw = read("mne_test");
        String reference = switch (label) {
            case "cz" -> "Cz";
            case "p7p8" -> "P7, P8";
            case "bipolar" -> "FP1-F3, F3-C3, C3-P3";
            default -> "average";
        };
        if (label.equals("average_bad_fp1")) {
            raw = raw.withInfo(raw.info().withBads(List.of("FP1")));
        }
        EegData out = (EegData) run(Rereference.class, Map.of("Reference", reference), Map.of("EEGData", raw))
                .outputs().get("EEGData");
        Csv ref = reference("mne_test_reref_" + label);
        assertEquals(ref.header(), out.channelNames());
        for (int c = 0; c < ref.header().size(); c++) {
            assertClose(ref.column(c), out.samples().row(c), label + " " + ref.header().get(c));
        }
        if (label.equals("average_bad_fp1")) {
            // the bad channel is neither in the average nor re-referenced
            assertTrue(Arrays.equals(raw.samples().row(0), out.samples().row(0)));
        }
    }

    @Test
    void badFrequenciesAndBandsAreNamed() {
        EegData raw = read("S001R03");
        Throwable e = assertThrows(RuntimeException.class, () -> run(Notch.class, Map.of("Frequencies", "90"),
                Map.of("EEGData", raw)));
        assertTrue(String.valueOf(e.getMessage()).contains("Frequencies"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(BandPower.class, Map.of("Bands", "alpha=13-8"),
                Map.of("EEGData", raw)));
        assertTrue(String.valueOf(e.getMessage()).contains("Bands"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(PSD.class, Map.of("Overlap", "300"),
                Map.of("EEGData", raw)));
        assertTrue(String.valueOf(e.getMessage()).contains("Overlap"), e.getMessage());
        e = assertThrows(RuntimeException.class, () -> run(Rereference.class, Map.of("Reference", "Xx-Yy"),
                Map.of("EEGData", raw)));
        assertTrue(String.valueOf(e.getMessage()).contains("Reference"), e.getMessage());
    }

    private static Csv readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        double[][] rows = lines.stream().skip(1).map(l -> Arrays.stream(l.split(","))
                .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        return new Csv(List.of(lines.get(0).split(",")), rows);
    }
}
