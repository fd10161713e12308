package org.eegworkflow.eeg.io;

import static org.eegworkflow.eeg.io.BrainVisionReaderTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdfReaderTest {
    private static final Path EEGUANA_EDF = EegTestData.file("brainvision-eeguana/bv_export_edf+.edf");

    @TempDir
    Path tmp;

    @Test
    void eeguanaEdfPlusAsMne() {
        MneReference ref = MneReference.eeguanaEdfPlus();
        List<String> warnings = new ArrayList<>();
        EegData data = EdfReader.read(ref.recording, warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(RecordingFormat.EDF, data.format());
        assertEquals("bv_export_edf+.edf", data.source());
        assertEquals(ref.samplingRate, data.samplingRate(), 0);
        assertEquals(ref.samples, data.sampleCount());
        assertEquals(ref.channelNames, data.channelNames());
        assertEquals(34, ref.eegCount);
        assertEquals(ref.eegCount, data.channelsOfKind(ChannelKind.EEG).length);
        for (int i = 0; i < 5; i++) {
            assertEquals(ref.ch0First5MicroVolts[i], data.data()[0][i] * 1e6, 0.5e-4 + 1e-9);
        }
    }

    @Test
    void eeguanaRawValuesAsMne() {
        EegData data = EdfReader.read(EEGUANA_EDF, w -> { });
        double[][] rows = MneReference.csv("reference/eeguana_edfplus_raw_first500.csv");
        assertEquals(500, rows.length);
        double worst = 0;
        for (int s = 0; s < rows.length; s++) {
            assertEquals(data.channelCount(), rows[s].length);
            for (int c = 0; c < data.channelCount(); c++) {
                worst = Math.max(worst, assertClose(rows[s][c], data.data()[c][s] * 1e6,
                        data.channelNames().get(c) + " sample " + s));
            }
        }
        System.out.printf(Locale.ROOT, "eeguana_edfplus: raw values max relative error %.3g%n", worst);
    }

    @Test
    void eeguanaAnnotationsAndEventsAsMne() {
        MneReference ref = MneReference.eeguanaEdfPlus();
        EegData data = EdfReader.read(EEGUANA_EDF, w -> { });
        double[][] expected = annotationsCsv();
        assertEquals(expected.length, data.annotations().size());
        String[] descriptions = MneReference.text("reference/eeguana_edfplus_raw_annotations.csv").lines()
                .map(l -> l.split(",", 3)[2]).toArray(String[]::new);
        for (int i = 0; i < expected.length; i++) {
            Annotation a = data.annotations().get(i);
            assertEquals(expected[i][0], a.onset(), 0.5e-6);
            assertEquals(expected[i][1], a.duration(), 0.5e-6);
            assertEquals(descriptions[i], a.description());
        }
        Events events = EventMapping.fromAnnotations(data);
        double[][] rows = ref.events();
        assertEquals(rows.length, events.count());
        for (int i = 0; i < rows.length; i++) {
            assertEquals((int) rows[i][0], events.samples()[i]);
            assertEquals((int) rows[i][2], events.ids()[i]);
        }
        assertEquals(ref.eventIds, events.idsByDescription());
        assertEquals(Map.of("New Segment", 1, "s10", 2, "s11", 3, "s12", 4), events.idsByDescription());
    }

    private static double[][] annotationsCsv() {
        return MneReference.text("reference/eeguana_edfplus_raw_annotations.csv").lines()
                .map(l -> l.split(",", 3))
                .map(p -> new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])})
                .toArray(double[][]::new);
    }

    /**
     * The BrainVision float export and the EDF+ export of one recording agree on their common samples within the
     * quantization of each EDF channel. The exporter rounded some channels with an offset (their differences average
     * about one step, up to 1.72 steps) and wrote only 4721 of the 4722 samples, padding the records with the last.
     */
    @Test
    void edfPlusExportMatchesBrainVisionFloatExport() throws IOException {
        EegData edf = EdfReader.read(EEGUANA_EDF, w -> { });
        EegData bv = BrainVisionReader.read(MneReference.eeguanaF32().recording, w -> { });
        assertEquals(bv.channelNames(), edf.channelNames());
        byte[] file = Files.readAllBytes(EEGUANA_EDF);
        int ns = 35;
        for (int c = 0; c < 34; c++) {
            double physMin = field(file, ns, 16 + 80 + 8, c);
            double physMax = field(file, ns, 16 + 80 + 8 + 8, c);
            double digMin = field(file, ns, 16 + 80 + 8 + 16, c);
            double digMax = field(file, ns, 16 + 80 + 8 + 24, c);
            double step = (physMax - physMin) / (digMax - digMin) * 1e-6;
            for (int s = 0; s < 4721; s++) {
                assertEquals(bv.data()[c][s], edf.data()[c][s], 2 * step, bv.channelNames().get(c) + " sample " + s);
            }
            for (int s = 4721; s < edf.sampleCount(); s++) {
                assertEquals(edf.data()[c][4720], edf.data()[c][s], 0);
            }
        }
    }

    /** One number of signal {@code c}'s header, {@code before} bytes per signal into the signal headers. */
    private static double field(byte[] file, int ns, int before, int c) {
        int at = 256 + before * ns + 8 * c;
        return Double.parseDouble(new String(file, at, 8, StandardCharsets.US_ASCII).strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"S001R03.edf", "S001R04.edf"})
    void physioNetMotorImagery(String name) {
        List<String> warnings = new ArrayList<>();
        EegData data = EdfReader.read(EegTestData.file("edf-eegmmidb/" + name), warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(64, data.channelCount());
        assertEquals(160, data.samplingRate(), 0);
        assertEquals(20000, data.sampleCount());
        assertEquals(List.of("Fc5.", "Fc3.", "Fc1."), data.channelNames().subList(0, 3));
        assertEquals("Iz..", data.channelNames().get(63));
        assertEquals(64, data.channelsOfKind(ChannelKind.EEG).length);
        // physical = digital there: whole microvolts
        for (int c = 0; c < 64; c++) {
            for (int s = 0; s < 20000; s += 97) {
                double microvolts = data.data()[c][s] * 1e6;
                assertEquals(Math.rint(microvolts), microvolts, 1e-9);
            }
        }
        assertEquals(30, data.annotations().size());
        assertEquals(new Annotation(0, 4.2, "T0"), data.annotations().get(0));
        assertEquals(new Annotation(4.2, 4.1, "T2"), data.annotations().get(1));
        Events events = EventMapping.fromAnnotations(data);
        assertEquals(Map.of("T0", 1, "T1", 2, "T2", 3), events.idsByDescription());
        assertEquals(30, events.count());
        assertArrayEquals(new int[] {0, 672, 1328, 2000}, Arrays.copyOf(events.samples(), 4));
        assertArrayEquals(new int[] {1, 3, 1, 2}, Arrays.copyOf(events.ids(), 4));
        for (int i = 0; i < events.count(); i++) {
            assertEquals(Math.rint(data.annotations().get(i).onset() * 160), events.samples()[i]);
        }
    }

    // ------------------------------------------------------------------ converted copies

    /** The eeguana EDF+ as a BDF: the same digital values in 24 bits, "BDF Annotations", 3 bytes per TAL sample. */
    private Path bdfCopy(String renameFirstChannel) throws IOException {
        byte[] edf = Files.readAllBytes(EEGUANA_EDF);
        int ns = 35;
        int headerBytes = 256 * (ns + 1);
        byte[] header = Arrays.copyOf(edf, headerBytes);
        header[0] = (byte) 0xff;
        System.arraycopy("BIOSEMI".getBytes(StandardCharsets.US_ASCII), 0, header, 1, 7);
        put(header, 192, 44, "BDF+C");
        put(header, 256 + 16 * 34, 16, "BDF Annotations");
        if (renameFirstChannel != null) {
            put(header, 256, 16, renameFirstChannel);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        int recordBytes = 34 * 512 * 2 + 24 * 2;
        for (int r = 0; r < 10; r++) {
            int base = headerBytes + r * recordBytes;
            for (int i = 0; i < 34 * 512; i++) {
                int v = (short) ((edf[base + 2 * i] & 0xff) | (edf[base + 2 * i + 1] << 8));
                out.write(v);
                out.write(v >> 8);
                out.write(v >> 16);
            }
            out.write(edf, base + 34 * 512 * 2, 48);
            out.write(new byte[24]);
        }
        Path bdf = tmp.resolve("copy.bdf");
        Files.write(bdf, out.toByteArray());
        return bdf;
    }

    private static void put(byte[] header, int at, int width, String text) {
        byte[] padded = String.format(Locale.ROOT, "%-" + width + "s", text).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(padded, 0, header, at, width);
    }

    @Test
    void bdfCopyGivesTheSameValues() throws IOException {
        EegData edf = EdfReader.read(EEGUANA_EDF, w -> { });
        EegData bdf = EdfReader.read(bdfCopy(null), w -> { });
        assertEquals(edf.channelNames(), bdf.channelNames());
        assertEquals(edf.channelKinds(), bdf.channelKinds());
        assertEquals(edf.annotations(), bdf.annotations());
        for (int c = 0; c < 34; c++) {
            assertArrayEquals(edf.data()[c], bdf.data()[c], edf.channelNames().get(c));
        }
    }

    @Test
    void bdfStatusChannelIsMiscTriggerBits() throws IOException {
        byte[] edf = Files.readAllBytes(EEGUANA_EDF);
        EegData bdf = EdfReader.read(bdfCopy("Status"), w -> { });
        assertEquals("Status", bdf.channelNames().get(0));
        assertEquals(ChannelKind.MISC, bdf.channelKinds().get(0));
        assertEquals(33, bdf.channelsOfKind(ChannelKind.EEG).length);
        for (int s = 0; s < 512; s++) {
            int digital = (short) ((edf[9216 + 2 * s] & 0xff) | (edf[9216 + 2 * s + 1] << 8));
            assertEquals(digital & 0x1ffff, bdf.data()[0][s], 0);
        }
    }

    /**
     * Status and trigger channels, a repeated name, units and a flat physical range, with the values MNE 1.3 gave for
     * the same file (its {@code read_raw_edf}, run on this copy). One deliberate difference: MNE reads "nV" unscaled.
     */
    @Test
    void edgeCasesAsMne() throws IOException {
        int label = 256;
        int dimension = 256 + 35 * (16 + 80);
        int physMax = 256 + 35 * (16 + 80 + 16);
        Path copy = edfCopy(-1, label, 16, "Status", label + 16, 16, "TRIGGER", label + 3 * 16, 16, "Fp2",
                dimension + 4 * 8, 8, "mV", dimension + 6 * 8, 8, "nV", dimension + 7 * 8, 8, "degC",
                dimension + 8 * 8, 8, "", physMax + 9 * 8, 8, "-6181.57");
        byte[] bytes = Files.readAllBytes(copy);
        bytes[dimension + 5 * 8] = (byte) 0xb5; // a Latin-1 micro sign
        bytes[dimension + 5 * 8 + 1] = 'V';
        Files.write(copy, bytes);
        List<String> warnings = new ArrayList<>();
        EegData data = EdfReader.read(copy, warnings::add);
        assertEquals(List.of("Status", "TRIGGER", "Fp2-0", "Fp2-1", "F3", "Fz", "F4", "F8", "FC5", "FC1", "FC2"),
                data.channelNames().subList(0, 11));
        assertEquals(List.of(ChannelKind.MISC, ChannelKind.MISC), data.channelKinds().subList(0, 2));
        assertEquals(32, data.channelsOfKind(ChannelKind.EEG).length);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("Fp2") && w.contains("not unique")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("FC1") && w.contains("physical")), warnings.toString());
        double[] mne = {129602.0, 40.0, -0.003312659211246479, -0.006722223037949368, -11.462283632606125,
            0.0016796434770420493, 9144.51683951934e-9, -9910.781625306245, -122.7504263428943,
            -0.006180610849319177, -2.6613589223512935e-05};
        for (int c = 0; c < mne.length; c++) {
            assertEquals(mne[c], data.data()[c][0], Math.abs(mne[c]) * 1e-12, data.channelNames().get(c));
        }
    }

    /** Writes the eeguana EDF+ with some header fields changed and, optionally, cut to a number of bytes. */
    private Path edfCopy(int length, Object... fieldsAndValues) throws IOException {
        byte[] bytes = Files.readAllBytes(EEGUANA_EDF);
        for (int i = 0; i < fieldsAndValues.length; i += 3) {
            put(bytes, (Integer) fieldsAndValues[i], (Integer) fieldsAndValues[i + 1], (String) fieldsAndValues[i + 2]);
        }
        Path copy = tmp.resolve("copy.edf");
        Files.write(copy, length < 0 ? bytes : Arrays.copyOf(bytes, length));
        return copy;
    }

    private static EegFormatException refused(Path file, String... parts) {
        EegFormatException e = assertThrows(EegFormatException.class, () -> EdfReader.read(file, w -> { }));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), e.getMessage());
        return e;
    }

    @Test
    void recordCountMinusOneIsComputed() throws IOException {
        EegData data = EdfReader.read(edfCopy(-1, 236, 8, "-1"), w -> { });
        assertEquals(5120, data.sampleCount());
        List<String> warnings = new ArrayList<>();
        data = EdfReader.read(edfCopy(357856 - 100, 236, 8, "-1"), warnings::add);
        assertEquals(4608, data.sampleCount());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("not a whole data record")), warnings.toString());
    }

    @Test
    void edfPlusDiscontinuousWithoutGapsIsRead() throws IOException {
        EegData data = EdfReader.read(edfCopy(-1, 192, 44, "EDF+D"), w -> { });
        assertEquals(5120, data.sampleCount());
        assertEquals(13, data.annotations().size());
    }

    @Test
    void edfPlusDiscontinuousWithGapIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(EEGUANA_EDF);
        int recordBytes = 34 * 512 * 2 + 48;
        int tal = 9216 + 3 * recordBytes + 34 * 512 * 2;
        String timekeeping = new String(bytes, tal, 4, StandardCharsets.US_ASCII);
        assertEquals("+3\u0014\u0014", timekeeping);
        bytes[tal + 1] = '5';
        put(bytes, 192, 44, "EDF+D");
        Path copy = tmp.resolve("gap.edf");
        Files.write(copy, bytes);
        refused(copy, "EDF+D", "gap", "data record 4", "starts at 5", "EDF+C");
    }

    @Test
    void annotationsPastTheEndAreLeftOut() throws IOException {
        byte[] bytes = Files.readAllBytes(EEGUANA_EDF);
        int recordBytes = 34 * 512 * 2 + 48;
        int tal = 9216 + 9 * recordBytes + 34 * 512 * 2;
        byte[] extra = "+12\u0014late\u0014\u0000".getBytes(StandardCharsets.US_ASCII);
        int free = tal;
        while (!(bytes[free] == 0x14 && bytes[free + 1] == 0)) {
            free++;
        }
        free += 2;
        while (bytes[free] != 0) {
            free++;
        }
        System.arraycopy(extra, 0, bytes, free, extra.length);
        Path copy = tmp.resolve("late.edf");
        Files.write(copy, bytes);
        List<String> warnings = new ArrayList<>();
        EegData data = EdfReader.read(copy, warnings::add);
        assertEquals(13, data.annotations().size());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'late'") && w.contains("left out")),
                warnings.toString());
    }

    @Test
    void truncatedRecords() throws IOException {
        refused(edfCopy(357856 - 1), "truncated", "10 data records", "9 whole records");
        refused(edfCopy(9216 + 10), "truncated", "0 whole records");
        refused(edfCopy(9000), "truncated", "shorter than its own header");
        refused(edfCopy(100), "too short");
    }

    @Test
    void headerLyingAboutTheSignalCount() throws IOException {
        refused(edfCopy(-1, 252, 4, "36"), "36 signals", "header bytes", "9216");
        refused(edfCopy(-1, 252, 4, "36", 184, 8, "9472"), "damaged");
        refused(edfCopy(-1, 252, 4, "9999"), "number of signals, 9999");
    }

    @Test
    void negativeOrNonsenseNumbers() throws IOException {
        refused(edfCopy(-1, 236, 8, "-5"), "number of data records, -5", "negative");
        refused(edfCopy(-1, 236, 8, "ten"), "number of data records", "'ten'");
        refused(edfCopy(-1, 244, 8, "-1"), "duration of a data record", "negative");
        refused(edfCopy(-1, 252, 4, "-3"), "number of signals, -3");
        int spr = 256 + 35 * (16 + 80 + 8 + 8 * 4 + 80);
        refused(edfCopy(-1, spr, 8, "-512"), "Fp1", "-512 samples per data record");
        refused(edfCopy(-1, spr + 8, 8, "256"), "different sampling rates", "Fp1 512", "Fpz 256");
        int physMin = 256 + 35 * (16 + 80 + 8);
        refused(edfCopy(-1, physMin + 8 * 2, 8, "abc"), "signal 3 (Fp2)", "physical minimum", "'abc'");
        int digMin = 256 + 35 * (16 + 80 + 8 + 16);
        refused(edfCopy(-1, digMin, 8, "30000"), "Fp1", "digital minimum = digital maximum");
    }

    @Test
    void notAnEdfFile() {
        refused(EegTestData.file("brainvision-mne/test.vhdr"), "not an EDF or BDF file");
        assertThrows(EegFormatException.class, () -> EdfReader.read(tmp.resolve("none.edf"), w -> { }));
    }
}
