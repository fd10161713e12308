package org.eegworkflow.eeg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BrainVisionReaderTest {
    private static final Path MNE_VHDR = EegTestData.file("brainvision-mne/test.vhdr");

    @TempDir
    Path tmp;

    static Stream<MneReference> brainVisionReferences() {
        return Stream.of(MneReference.mneTest(), MneReference.eeguanaF32(), MneReference.eeguanaI16());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brainVisionReferences")
    void shapeNamesAndKindsAsMne(MneReference ref) {
        List<String> warnings = new ArrayList<>();
        EegData data = BrainVisionReader.read(ref.recording, warnings::add);
        assertEquals(RecordingFormat.BRAINVISION, data.format());
        assertEquals(ref.recording.getFileName().toString(), data.source());
        assertEquals(ref.samplingRate, data.samplingRate(), 0);
        assertEquals(ref.samples, data.sampleCount());
        assertEquals(ref.channelNames, data.channelNames());
        assertEquals(ref.eegCount, data.channelsOfKind(ChannelKind.EEG).length);
        assertEquals(ref.miscCount, data.channelsOfKind(ChannelKind.MISC).length);
        for (int i = 0; i < ref.ch0First5MicroVolts.length; i++) {
            // the log rounds to 4 decimals
            assertEquals(ref.ch0First5MicroVolts[i], data.data()[0][i] * 1e6, 0.5e-4 + 1e-9);
        }
    }

    @Test
    void mneTestFileKindsFollowUnits() {
        EegData data = BrainVisionReader.read(MNE_VHDR, w -> { });
        for (int c = 0; c < 32; c++) {
            assertEquals(c < 26 ? ChannelKind.EEG : ChannelKind.MISC, data.channelKinds().get(c),
                    data.channelNames().get(c));
        }
        // FP2 has an empty unit, F3 none at all: both microvolts
        assertEquals(-23.5e-6, data.data()[0][0], 1e-18);
        assertEquals(14, data.annotations().size());
        Annotation first = data.annotations().get(0);
        assertEquals(new Annotation(0, 0.001, "New Segment/"), first);
        assertEquals(new Annotation(0.486, 0, "Stimulus/S253"), data.annotations().get(1));
        assertEquals("Optic/O  1", data.annotations().get(13).description());
    }

    /** Misc channels pass MNE's filter untouched, so the filtered reference holds their raw values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brainVisionReferences")
    void miscChannelsEqualMneValues(MneReference ref) {
        EegData data = BrainVisionReader.read(ref.recording, w -> { });
        double[][] rows = MneReference.csv("reference/" + ref.prefix + "_filtered_first2000.csv");
        int[] misc = data.channelsOfKind(ChannelKind.MISC);
        assertEquals(ref.miscCount, misc.length);
        double worst = 0;
        for (double[] row : rows) {
            assertEquals(data.channelCount(), row.length);
        }
        for (int c : misc) {
            for (int s = 0; s < rows.length; s++) {
                worst = Math.max(worst, assertClose(rows[s][c], data.data()[c][s] * 1e6,
                        data.channelNames().get(c) + " sample " + s));
            }
        }
        System.out.printf("%s: misc channels max relative error %.3g%n", ref, worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brainVisionReferences")
    void eventsAsMne(MneReference ref) {
        EegData data = BrainVisionReader.read(ref.recording, w -> { });
        var events = EventMapping.fromAnnotations(data);
        double[][] expected = ref.events();
        assertEquals(expected.length, events.count());
        for (int i = 0; i < expected.length; i++) {
            assertEquals((int) expected[i][0], events.samples()[i], "sample of event " + i);
            assertEquals((int) expected[i][2], events.ids()[i], "id of event " + i);
        }
        assertEquals(ref.eventIds, events.idsByDescription());
        assertEquals(List.copyOf(ref.eventIds.keySet()), List.copyOf(events.idsByDescription().keySet()));
    }

    /** The 16-bit export of the same recording is the float one quantized to its resolution (from finer data). */
    @Test
    void int16ExportMatchesFloatExportWithinResolution() {
        EegData f32 = BrainVisionReader.read(MneReference.eeguanaF32().recording, w -> { });
        EegData i16 = BrainVisionReader.read(MneReference.eeguanaI16().recording, w -> { });
        double step = 0.35450548e-6;
        for (int c = 0; c < f32.channelCount(); c++) {
            for (int s = 0; s < f32.sampleCount(); s++) {
                assertEquals(f32.data()[c][s], i16.data()[c][s], step);
            }
        }
    }

    // ------------------------------------------------------------------ converted copies

    /** Raw values of test.eeg as written (INT_16 little-endian multiplexed, 32 channels). */
    private static short[][] mneRawShorts() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(EegTestData.file("brainvision-mne/test.eeg")))
                .order(ByteOrder.LITTLE_ENDIAN);
        int samples = b.capacity() / 64;
        short[][] raw = new short[32][samples];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < 32; c++) {
                raw[c][s] = b.getShort();
            }
        }
        return raw;
    }

    private Path writeCopy(String dataName, String format, boolean vectorized, ByteOrder order) throws IOException {
        short[][] raw = mneRawShorts();
        int samples = raw[0].length;
        int bytes = format.equals("INT_16") ? 2 : 4;
        ByteBuffer out = ByteBuffer.allocate(32 * samples * bytes).order(order);
        for (int i = 0; i < 32 * samples; i++) {
            int c = vectorized ? i / samples : i % 32;
            int s = vectorized ? i % samples : i / 32;
            short v = raw[c][s];
            switch (format) {
                case "INT_16" -> out.putShort(v);
                case "INT_32" -> out.putInt(v);
                default -> out.putFloat(v);
            }
        }
        Files.write(tmp.resolve(dataName), out.array());
        String header = Files.readString(MNE_VHDR)
                .replace("DataFile=test.eeg", "DataFile=" + dataName)
                .replace("DataOrientation=MULTIPLEXED",
                        "DataOrientation=" + (vectorized ? "VECTORIZED" : "MULTIPLEXED"))
                .replace("BinaryFormat=INT_16", "BinaryFormat=" + format
                        + (order == ByteOrder.BIG_ENDIAN ? "\nUseBigEndianOrder=YES" : ""));
        Path vhdr = tmp.resolve("copy.vhdr");
        Files.writeString(vhdr, header);
        Files.copy(EegTestData.file("brainvision-mne/test.vmrk"), tmp.resolve("test.vmrk"));
        return vhdr;
    }

    static Stream<Object[]> variants() {
        return Stream.of(
                new Object[] {"INT_16", true, ByteOrder.LITTLE_ENDIAN},
                new Object[] {"INT_32", false, ByteOrder.LITTLE_ENDIAN},
                new Object[] {"INT_32", true, ByteOrder.LITTLE_ENDIAN},
                new Object[] {"INT_16", false, ByteOrder.BIG_ENDIAN},
                new Object[] {"INT_32", true, ByteOrder.BIG_ENDIAN},
                new Object[] {"IEEE_FLOAT_32", false, ByteOrder.LITTLE_ENDIAN},
                new Object[] {"IEEE_FLOAT_32", true, ByteOrder.BIG_ENDIAN});
    }

    @ParameterizedTest(name = "{0} vectorized={1} {2}")
    @MethodSource("variants")
    void convertedCopiesGiveTheSameValues(String format, boolean vectorized, ByteOrder order) throws IOException {
        EegData original = BrainVisionReader.read(MNE_VHDR, w -> { });
        EegData copy = BrainVisionReader.read(writeCopy("data.bin", format, vectorized, order), w -> { });
        assertEquals(original.channelNames(), copy.channelNames());
        assertEquals(original.channelKinds(), copy.channelKinds());
        assertEquals(original.annotations(), copy.annotations());
        for (int c = 0; c < 32; c++) {
            assertArrayEquals(original.data()[c], copy.data()[c], original.channelNames().get(c));
        }
    }

    /** Text data: multiplexed with a line of names to skip and decimal commas, or vectorized with a name column. */
    @ParameterizedTest(name = "vectorized={0}")
    @ValueSource(booleans = {false, true})
    void asciiCopiesGiveTheSameValues(boolean vectorized) throws IOException {
        short[][] raw = mneRawShorts();
        int samples = raw[0].length;
        EegData original = BrainVisionReader.read(MNE_VHDR, w -> { });
        StringBuilder text = new StringBuilder();
        if (vectorized) {
            for (int c = 0; c < 32; c++) {
                text.append(original.channelNames().get(c));
                for (int s = 0; s < samples; s++) {
                    text.append(s % 2 == 0 ? " " : "\t").append(raw[c][s] * 0.5);
                }
                text.append("\r\n");
            }
        } else {
            text.append(String.join(" ", original.channelNames())).append('\n');
            for (int s = 0; s < samples; s++) {
                for (int c = 0; c < 32; c++) {
                    text.append(c == 0 ? "" : "   ").append(String.valueOf(raw[c][s] * 0.5).replace('.', ','));
                }
                text.append('\n');
            }
        }
        Files.writeString(tmp.resolve("data.txt"), text);
        String header = Files.readString(MNE_VHDR).replace("DataFile=test.eeg", "DataFile=data.txt")
                .replace("DataFormat=BINARY", "DataFormat=ASCII")
                .replace("[Binary Infos]\nBinaryFormat=INT_16", "[ASCII Infos]\nDecimalSymbol="
                        + (vectorized ? "." : ",") + "\nSkipLines=" + (vectorized ? 0 : 1)
                        + "\nSkipColumns=" + (vectorized ? 1 : 0))
                .replace(",,0.5,", ",,1,").replace("Ch3=F3,,0.5", "Ch3=F3,,1");
        if (vectorized) {
            header = header.replace("DataOrientation=MULTIPLEXED", "DataOrientation=VECTORIZED");
        }
        Files.writeString(tmp.resolve("text.vhdr"), header);
        Files.copy(EegTestData.file("brainvision-mne/test.vmrk"), tmp.resolve("test.vmrk"));
        EegData copy = BrainVisionReader.read(tmp.resolve("text.vhdr"), w -> { });
        assertEquals(original.channelNames(), copy.channelNames());
        assertEquals(original.channelKinds(), copy.channelKinds());
        assertEquals(original.annotations(), copy.annotations());
        for (int c = 0; c < 32; c++) {
            assertArrayEquals(original.data()[c], copy.data()[c], original.channelNames().get(c));
        }

        String lines = Files.readString(tmp.resolve("data.txt"));
        Files.writeString(tmp.resolve("data.txt"), lines.substring(0, lines.length() - 20));
        refused(tmp.resolve("text.vhdr"), "data.txt", "line " + (vectorized ? 32 : 7901), "values where");
        if (!vectorized) {
            Files.writeString(tmp.resolve("data.txt"), lines.replaceFirst("\n-23,5", "\nx1"));
        } else {
            Files.writeString(tmp.resolve("data.txt"), lines.replaceFirst(" -23.5", " x1"));
        }
        refused(tmp.resolve("text.vhdr"), "data.txt", "line " + (vectorized ? 1 : 2), "'x1' is not a number");
    }

    @Test
    void dataPointsChecksVectorizedFiles() throws IOException {
        Path vhdr = writeCopy("v.dat", "INT_16", true, ByteOrder.LITTLE_ENDIAN);
        Files.writeString(vhdr, Files.readString(vhdr)
                .replace("NumberOfChannels=32", "NumberOfChannels=32\nDataPoints=7900"));
        assertEquals(7900, BrainVisionReader.read(vhdr, w -> { }).sampleCount());
        Files.writeString(vhdr, Files.readString(vhdr).replace("DataPoints=7900", "DataPoints=8000"));
        EegFormatException e = assertThrows(EegFormatException.class, () -> BrainVisionReader.read(vhdr, w -> { }));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("8000"), e.getMessage());
        Files.writeString(vhdr, Files.readString(vhdr).replace("DataPoints=8000", "DataPoints=999999999999999999"));
        refused(vhdr, "truncated", "DataPoints=999999999999999999");
        Files.writeString(vhdr, Files.readString(vhdr).replace("DataPoints=999999999999999999", "DataPoints=7000"));
        refused(vhdr, "DataPoints=7000", "wrong");
        Files.writeString(vhdr, Files.readString(vhdr).replace("DataPoints=7000", "DataPoints=-1"));
        refused(vhdr, "DataPoints=-1", "negative");
    }

    // ------------------------------------------------------------------ header details

    /** Copies the MNE test recording into the temp folder with a changed header. */
    private Path mneCopy(String from, String to) throws IOException {
        Files.copy(EegTestData.file("brainvision-mne/test.eeg"), tmp.resolve("test.eeg"));
        Files.copy(EegTestData.file("brainvision-mne/test.vmrk"), tmp.resolve("test.vmrk"));
        Path vhdr = tmp.resolve("test.vhdr");
        String header = Files.readString(MNE_VHDR);
        assertTrue(header.contains(from), from);
        Files.writeString(vhdr, header.replace(from, to));
        return vhdr;
    }

    @Test
    void ansiCodepageAndGreekMu() throws IOException {
        Path vhdr = mneCopy("Codepage=UTF-8", "Codepage=ANSI");
        // windows-1252 bytes: the micro sign is the single byte 0xB5
        Files.write(vhdr, Files.readString(vhdr).getBytes(Charset.forName("windows-1252")));
        EegData data = BrainVisionReader.read(vhdr, w -> { });
        assertEquals(26, data.channelsOfKind(ChannelKind.EEG).length);
        assertEquals(-23.5e-6, data.data()[0][0], 1e-18);

        Files.writeString(vhdr, Files.readString(MNE_VHDR).replace("Ch1=FP1,,0.5,\u00b5V", "Ch1=FP1\\1x,,0.5,\u03bcV"),
                StandardCharsets.UTF_8);
        data = BrainVisionReader.read(vhdr, w -> { });
        assertEquals("FP1,x", data.channelNames().get(0));
        assertEquals(ChannelKind.EEG, data.channelKinds().get(0));
        assertEquals(-23.5e-6, data.data()[0][0], 1e-18);
    }

    @Test
    void unknownUnitIsMiscUnscaledWithWarning() throws IOException {
        List<String> warnings = new ArrayList<>();
        EegData data = BrainVisionReader.read(MNE_VHDR, warnings::add);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("CP5") && w.contains("BS")), warnings.toString());
        // CP5 'BS': scale 1, so -35 raw x 0.5 = -17.5 "units"
        assertEquals(-17.5, data.data()[26][0], 0);
    }

    @Test
    void markerFileMissingReadsWithoutMarkers() throws IOException {
        Path vhdr = mneCopy("MarkerFile=test.vmrk", "MarkerFile=gone.vmrk");
        List<String> warnings = new ArrayList<>();
        EegData data = BrainVisionReader.read(vhdr, warnings::add);
        assertEquals(0, data.annotations().size());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("gone.vmrk")), warnings.toString());
        assertEquals(0, EventMapping.fromAnnotations(data).count());

        Files.writeString(vhdr, Files.readString(vhdr).replace("MarkerFile=gone.vmrk\n", ""));
        warnings.clear();
        assertEquals(0, BrainVisionReader.read(vhdr, warnings::add).annotations().size());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("MarkerFile")), warnings.toString());
    }

    @Test
    void markersPastTheEndAreLeftOutWithWarning() throws IOException {
        Path vhdr = mneCopy("DataFile=test.eeg", "DataFile=test.eeg");
        Path vmrk = tmp.resolve("test.vmrk");
        Files.writeString(vmrk, Files.readString(vmrk) + "Mk15=Stimulus,S  7,7901,1,0\nMk16=Stimulus,S  8,7900,1,0\n"
                + "Mk17=Comment,x\\1y,0,0,0\n");
        List<String> warnings = new ArrayList<>();
        EegData data = BrainVisionReader.read(vhdr, warnings::add);
        assertEquals(15, data.annotations().size());
        assertEquals(new Annotation(7.899, 0.001, "Stimulus/S  8"), data.annotations().get(14));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("Mk15") && w.contains("Mk17") && !w.contains("Mk16")),
                warnings.toString());
        assertEquals(15, EventMapping.fromAnnotations(data).count());
        assertEquals(8, EventMapping.fromAnnotations(data).idsByDescription().get("Stimulus/S  8"));
    }

    @Test
    void dataFileMayHaveAnyName() throws IOException {
        Files.copy(EegTestData.file("brainvision-mne/test.eeg"), tmp.resolve("recording 1.dat"));
        Files.copy(EegTestData.file("brainvision-mne/test.vmrk"), tmp.resolve("markers.txt"));
        Path vhdr = tmp.resolve("any.vhdr");
        Files.writeString(vhdr, Files.readString(MNE_VHDR).replace("DataFile=test.eeg", "DataFile=recording 1.dat")
                .replace("MarkerFile=test.vmrk", "MarkerFile=markers.txt"));
        EegData data = BrainVisionReader.read(vhdr, w -> { });
        assertEquals(7900, data.sampleCount());
        assertEquals(14, data.annotations().size());
        assertEquals("any.vhdr", data.source());
    }

    // ------------------------------------------------------------------ damaged files

    private EegFormatException refused(Path vhdr, String... expectedParts) {
        EegFormatException e = assertThrows(EegFormatException.class, () -> BrainVisionReader.read(vhdr, w -> { }));
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void truncatedDataFile() throws IOException {
        Path vhdr = mneCopy("DataFile=test.eeg", "DataFile=test.eeg");
        byte[] bytes = Files.readAllBytes(tmp.resolve("test.eeg"));
        Files.write(tmp.resolve("test.eeg"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        refused(vhdr, "test.eeg", "truncated", "505599", "64 bytes per sample");
    }

    @Test
    void truncatedAgainstDataPoints() throws IOException {
        Path dir = EegTestData.file("brainvision-eeguana");
        for (String f : List.of("bv_export_bv_txt_bin_multi.vhdr", "bv_export_bv_txt_bin_multi.vmrk")) {
            Files.copy(dir.resolve(f), tmp.resolve(f));
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("bv_export_bv_txt_bin_multi.dat"));
        Files.write(tmp.resolve("bv_export_bv_txt_bin_multi.dat"), java.util.Arrays.copyOf(bytes, 136 * 4000));
        refused(tmp.resolve("bv_export_bv_txt_bin_multi.vhdr"), "truncated", "4000", "DataPoints=4722");
    }

    @Test
    void headerLyingAboutChannelCount() throws IOException {
        refused(mneCopy("NumberOfChannels=32", "NumberOfChannels=31"), "Ch32", "NumberOfChannels=31");
        Files.delete(tmp.resolve("test.eeg"));
        Files.delete(tmp.resolve("test.vmrk"));
        refused(mneCopy("NumberOfChannels=32", "NumberOfChannels=33"), "Ch33", "NumberOfChannels=33");
        Files.delete(tmp.resolve("test.eeg"));
        Files.delete(tmp.resolve("test.vmrk"));
        // 30 channels x 2 bytes do not divide the file
        Path vhdr = mneCopy("NumberOfChannels=32", "NumberOfChannels=30");
        Files.writeString(vhdr, Files.readString(vhdr).replace("Ch31=Vb,,0.5,S\n", "")
                .replace("Ch32=ReRef,,0.5,C\n", ""));
        refused(vhdr, "truncated", "30 channels");
    }

    @Test
    void headerLyingAboutBinaryFormat() throws IOException {
        Path dir = EegTestData.file("brainvision-eeguana");
        for (String f : List.of("bv_export_bv_txt_bin_multi_16bit.vmrk", "bv_export_bv_txt_bin_multi_16bit.dat",
                "bv_export_bv_txt_bin_multi.vmrk", "bv_export_bv_txt_bin_multi.dat")) {
            Files.copy(dir.resolve(f), tmp.resolve(f));
        }
        Path i16 = tmp.resolve("bv_export_bv_txt_bin_multi_16bit.vhdr");
        Files.writeString(i16, Files.readString(dir.resolve("bv_export_bv_txt_bin_multi_16bit.vhdr"))
                .replace("BinaryFormat=INT_16", "BinaryFormat=IEEE_FLOAT_32"));
        refused(i16, "truncated", "DataPoints=4722");
        Path f32 = tmp.resolve("bv_export_bv_txt_bin_multi.vhdr");
        Files.writeString(f32, Files.readString(dir.resolve("bv_export_bv_txt_bin_multi.vhdr"))
                .replace("BinaryFormat=IEEE_FLOAT_32", "BinaryFormat=INT_16"));
        refused(f32, "9444", "DataPoints=4722");
        Files.writeString(f32, Files.readString(dir.resolve("bv_export_bv_txt_bin_multi.vhdr"))
                .replace("BinaryFormat=IEEE_FLOAT_32", "BinaryFormat=INT_24"));
        refused(f32, "BinaryFormat='INT_24'", "INT_16, INT_32 or IEEE_FLOAT_32");
    }

    @Test
    void dataFileOutsideTheFolderIsRefused() throws IOException {
        refused(mneCopy("DataFile=test.eeg", "DataFile=../x.eeg"), "DataFile='../x.eeg'", "folder");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR).replace("DataFile=test.eeg",
                "DataFile=" + EegTestData.file("brainvision-mne/test.eeg")));
        refused(tmp.resolve("test.vhdr"), "absolute");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR).replace("DataFile=test.eeg",
                "DataFile=sub/../../test.eeg"));
        refused(tmp.resolve("test.vhdr"), "folder");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR).replace("MarkerFile=test.vmrk",
                "MarkerFile=..\\test.vmrk"));
        refused(tmp.resolve("test.vhdr"), "MarkerFile");
    }

    @Test
    void missingDataFile() throws IOException {
        refused(mneCopy("DataFile=test.eeg", "DataFile=other.eeg"), "other.eeg", "missing");
    }

    @Test
    void badNumbers() throws IOException {
        refused(mneCopy("SamplingInterval=1000", "SamplingInterval=abc"), "SamplingInterval='abc'", "not a number");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR)
                .replace("SamplingInterval=1000", "SamplingInterval=0"));
        refused(tmp.resolve("test.vhdr"), "SamplingInterval=0", "positive");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR)
                .replace("SamplingInterval=1000", "SamplingInterval=-5"));
        refused(tmp.resolve("test.vhdr"), "SamplingInterval=-5");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR)
                .replace("NumberOfChannels=32", "NumberOfChannels=1000000"));
        refused(tmp.resolve("test.vhdr"), "NumberOfChannels=1000000", "1024");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR)
                .replace("NumberOfChannels=32", "NumberOfChannels=99999999999999999999"));
        refused(tmp.resolve("test.vhdr"), "NumberOfChannels", "whole number");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR)
                .replace("NumberOfChannels=32", "NumberOfChannels=-3"));
        refused(tmp.resolve("test.vhdr"), "NumberOfChannels=-3");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR).replace("Ch5=C3,,0.5,", "Ch5=C3,,x,"));
        refused(tmp.resolve("test.vhdr"), "Ch5", "resolution 'x'");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR));
        Files.writeString(tmp.resolve("test.vmrk"), Files.readString(tmp.resolve("test.vmrk"))
                .replace("Mk3=Stimulus,S255,497,", "Mk3=Stimulus,S255,4x7,"));
        EegFormatException e = assertThrows(EegFormatException.class,
                () -> BrainVisionReader.read(tmp.resolve("test.vhdr"), w -> { }));
        assertTrue(e.getMessage().startsWith("test.vmrk: Mk3") && e.getMessage().contains("'4x7'"), e.getMessage());
    }

    @Test
    void notAHeaderOrNotBinary() throws IOException {
        refused(EegTestData.file("brainvision-mne/test.eeg"), "test.eeg", "not a BrainVision header", ".vhdr");
        refused(EegTestData.file("brainvision-mne/nothing.vhdr"), "nothing.vhdr", "does not exist");
        refused(mneCopy("DataFormat=BINARY", "DataFormat=TEXT"), "DataFormat='TEXT'", "BINARY nor ASCII");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR).replace("[Binary Infos]", "[Other]"));
        refused(tmp.resolve("test.vhdr"), "[Binary Infos]");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR)
                .replace("DataOrientation=MULTIPLEXED", "DataOrientation=SIDEWAYS"));
        refused(tmp.resolve("test.vhdr"), "SIDEWAYS");
        Files.writeString(tmp.resolve("test.vhdr"), Files.readString(MNE_VHDR).replace("Ch2=FP2", "Ch3=FP2"));
        refused(tmp.resolve("test.vhdr"), "Ch3 twice");
    }

    /** |actual - expected| within 1e-6 relative or 1e-9 absolute (µV); returns the relative error. */
    static double assertClose(double expected, double actual, String what) {
        double error = Math.abs(actual - expected);
        assertTrue(error <= Math.max(1e-6 * Math.abs(expected), 1e-9),
                what + ": expected " + expected + " but was " + actual);
        return expected == 0 ? 0 : error / Math.abs(expected);
    }
}
