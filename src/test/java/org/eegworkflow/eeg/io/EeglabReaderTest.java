package org.eegworkflow.eeg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.sdk.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Struct;

/**
 * {@link EeglabReader} against MNE-Python 1.3's {@code read_raw_eeglab} and {@code events_from_annotations} on the
 * files {@code reference/eeglab/make_eeglab_reference.py} made (nested and flat layouts, data embedded and in .fdt,
 * MAT v5, v7 and v7.3), damaged files, and a long .fdt read block by block.
 */
class EeglabReaderTest {
    private static final Path DIR = EegTestData.file("reference/eeglab");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"nested_embedded", "nested_fdt", "flat_fdt", "flat_embedded", "v73_embedded"})
    void samplesChannelsAndEventsAreMnes(String variant) throws IOException {
        JsonObject mne = json(DIR.resolve(variant + ".json"));
        List<String> warnings = new ArrayList<>();
        EegData data = EeglabReader.read(DIR.resolve(variant + ".set"), warnings::add, Samples.inMemory());

        assertEquals(RecordingFormat.EEGLAB, data.format());
        assertEquals(variant + ".set", data.source());
        assertEquals(mne.getJsonNumber("sfreq").doubleValue(), data.samplingRate());
        assertEquals(mne.getInt("n_times"), data.sampleCount());
        assertEquals(strings(mne.getJsonArray("ch_names")), data.channelNames());
        List<ChannelKind> kinds = new ArrayList<>();
        for (String type : strings(mne.getJsonArray("ch_types"))) {
            kinds.add(type.equals("eeg") ? ChannelKind.EEG : ChannelKind.MISC);
        }
        assertEquals(kinds, data.channelKinds());

        // bit for bit: raw.get_data() as float64, channel after channel
        ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(variant + "_data.f64")))
                .order(ByteOrder.LITTLE_ENDIAN);
        double[][] samples = data.samples().toArray();
        int differing = 0;
        for (double[] row : samples) {
            for (double value : row) {
                if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(expected.getDouble())) {
                    differing++;
                }
            }
        }
        assertEquals(0, differing, variant + ": samples that are not MNE's bits");
        assertEquals(0, expected.remaining());

        List<Annotation> annotations = new ArrayList<>();
        for (JsonValue v : mne.getJsonArray("annotations")) {
            JsonObject a = v.asJsonObject();
            annotations.add(new Annotation(a.getJsonNumber("onset").doubleValue(),
                    a.getJsonNumber("duration").doubleValue(), a.getString("description")));
        }
        assertEquals(annotations, data.annotations());

        Events events = EventMapping.fromAnnotations(data);
        Map<String, Integer> ids = new LinkedHashMap<>();
        mne.getJsonObject("event_id").forEach((k, v) -> ids.put(k, ((jakarta.json.JsonNumber) v).intValue()));
        assertEquals(ids, events.idsByDescription());
        JsonArray mneEvents = mne.getJsonArray("events");
        assertEquals(mneEvents.size(), events.count());
        for (int i = 0; i < events.count(); i++) {
            assertEquals(mneEvents.getJsonArray(i).getInt(0), events.samples()[i], "sample of event " + i);
            assertEquals(mneEvents.getJsonArray(i).getInt(2), events.ids()[i], "id of event " + i);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'boundary' events")), warnings.toString());
        if (variant.equals("nested_fdt")) {
            assertTrue(warnings.stream().anyMatch(w -> w.contains("1 marker(s) lie outside")), warnings.toString());
        }
    }

    @Test
    void aRenamedFdtIsFoundBesideTheSetAsMneDoes() throws IOException {
        Path set = Files.copy(DIR.resolve("nested_fdt.set"), tmp.resolve("renamed.set"));
        Files.copy(DIR.resolve("nested_fdt.fdt"), tmp.resolve("renamed.fdt"));
        List<String> warnings = new ArrayList<>();
        EegData data = EeglabReader.read(set, warnings::add);
        assertEquals(500, data.sampleCount());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("renamed.fdt is read instead")), warnings.toString());
    }

    @Test
    void pythonFloatsAreWrittenAsPythonWritesThem() {
        assertEquals("3.0", EeglabReader.pythonFloat(3));
        assertEquals("-0.5", EeglabReader.pythonFloat(-0.5));
        assertEquals("12345678.0", EeglabReader.pythonFloat(12345678));
        assertEquals("0.0001", EeglabReader.pythonFloat(1e-4));
        assertEquals("1e-05", EeglabReader.pythonFloat(1e-5));
        assertEquals("1.5e+16", EeglabReader.pythonFloat(1.5e16));
    }

    // ---------------------------------------------------------------- damaged files

    @Test
    void aTruncatedFdtIsRefused() throws IOException {
        Path set = Files.copy(DIR.resolve("nested_fdt.set"), tmp.resolve("nested_fdt.set"));
        byte[] fdt = Files.readAllBytes(DIR.resolve("nested_fdt.fdt"));
        Files.write(tmp.resolve("nested_fdt.fdt"), java.util.Arrays.copyOf(fdt, fdt.length - 100));
        refused(set, "nested_fdt.fdt: is truncated: 7900 bytes, where 4 channels x 500 samples");
    }

    @Test
    void aMissingFdtIsRefused() throws IOException {
        Path set = Files.copy(DIR.resolve("flat_fdt.set"), tmp.resolve("alone.set"));
        refused(set, "alone.set: its samples are in 'flat_fdt.fdt', which is missing, and so is alone.fdt");
    }

    @Test
    void aDataSetWithoutSrateIsRefused() throws IOException {
        Struct eeg = minimal(4, 10, "x.fdt");
        eeg.remove("srate");
        refused(write(tmp.resolve("nosrate.set"), Map.of("EEG", eeg)), "nosrate.set: has no EEG.srate");
        Files.write(tmp.resolve("x.fdt"), new byte[160]);
        // the flat layout, srate as text
        Struct flat = minimal(4, 10, "x.fdt");
        Map<String, Array> fields = new LinkedHashMap<>();
        for (String name : flat.getFieldNames()) {
            fields.put(name, flat.get(name));
        }
        fields.put("srate", Mat5.newString("fast"));
        refused(write(tmp.resolve("textsrate.set"), fields), "EEG.srate is text, not a number");
    }

    @Test
    void epochsAndMismatchedShapesAreRefused() throws IOException {
        Struct eeg = minimal(2, 10, "x.fdt");
        eeg.set("trials", Mat5.newScalar(3));
        refused(write(tmp.resolve("epochs.set"), Map.of("EEG", eeg)), "holds 3 epochs (EEG.trials)");
        Struct wrong = minimal(2, 10, "x.fdt");
        wrong.set("data", Mat5.newMatrix(3, 10));
        refused(write(tmp.resolve("shape.set"), Map.of("EEG", wrong)),
                "EEG.data is 3 x 10 but EEG.nbchan x EEG.pnts is 2 x 10");
        Struct dat = minimal(2, 10, "old.dat");
        refused(write(tmp.resolve("dat.set"), Map.of("EEG", dat)), "EEGLAB's old .dat format");
        Struct up = minimal(2, 10, "../../etc/passwd.fdt");
        refused(write(tmp.resolve("up.set"), Map.of("EEG", up)), "which is missing");
    }

    @Test
    void filesThatAreNoMatFilesOrCutShortAreRefused() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.set"), "EEGLAB notes, not a data set\n");
        refused(text, "notes.set: is not an EEGLAB .set file (a MATLAB MAT file): it starts with 'EEGLAB notes");
        refused(EegTestData.file("brainvision-mne/test.vhdr"), "is not an EEGLAB .set file");
        refused(tmp.resolve("none.set"), "none.set: does not exist");
        for (String variant : List.of("nested_embedded", "flat_embedded", "nested_fdt", "v73_embedded")) {
            byte[] bytes = Files.readAllBytes(DIR.resolve(variant + ".set"));
            for (int cut : new int[] {200, bytes.length / 2, bytes.length * 3 / 4}) {
                Path copy = tmp.resolve("cut-" + variant + "-" + cut + ".set");
                Files.write(copy, java.util.Arrays.copyOf(bytes, cut));
                Files.copy(DIR.resolve("nested_fdt.fdt"), tmp.resolve("nested_fdt.fdt"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                EegFormatException e = assertThrows(EegFormatException.class,
                        () -> EeglabReader.read(copy, w -> { }), copy.toString());
                assertTrue(e.getMessage().startsWith(copy.getFileName() + ": "), e.getMessage());
            }
        }
    }

    /** Bytes changed at random: each copy is read or refused with an EegFormatException, never anything else. */
    @ParameterizedTest
    @ValueSource(strings = {"nested_embedded", "nested_fdt", "flat_embedded", "v73_embedded"})
    void randomlyDamagedCopiesAreReadOrRefusedCleanly(String variant) throws IOException {
        byte[] original = Files.readAllBytes(DIR.resolve(variant + ".set"));
        Files.copy(DIR.resolve("nested_fdt.fdt"), tmp.resolve("nested_fdt.fdt"));
        java.util.Random random = new java.util.Random(17);
        int refused = 0;
        for (int copy = 0; copy < 40; copy++) {
            byte[] bytes = original.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                bytes[128 + random.nextInt(bytes.length - 128)] = (byte) random.nextInt(256);
            }
            Path damaged = Files.write(tmp.resolve(variant + "-" + copy + ".set"), bytes);
            try {
                EeglabReader.read(damaged, w -> { });
            } catch (EegFormatException e) {
                assertTrue(e.getMessage().startsWith(damaged.getFileName() + ": ")
                        || e.getMessage().startsWith("nested_fdt.fdt: "), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 0, "no damaged copy of " + variant + " was refused");
    }

    // ---------------------------------------------------------------- a long recording, streamed

    @Test
    void aLongFdtIsReadBlockByBlock() throws IOException {
        int channels = 4;
        int samples = 2_000_000; // 32 MB of float32, 64 MB as doubles
        Path fdt = tmp.resolve("long.fdt");
        try (FileChannel out = FileChannel.open(fdt, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(channels * 4 * 65536).order(ByteOrder.LITTLE_ENDIAN);
            for (int t = 0; t < samples; t++) {
                for (int c = 0; c < channels; c++) {
                    block.putFloat(value(c, t));
                }
                if (!block.hasRemaining() || t == samples - 1) {
                    block.flip();
                    while (block.hasRemaining()) {
                        out.write(block);
                    }
                    block.clear();
                }
            }
        }
        Struct eeg = minimal(channels, samples, "long.fdt");
        Struct events = Mat5.newStruct(1, 2);
        events.set("type", 0, Mat5.newString("stim")).set("latency", 0, Mat5.newScalar(1001));
        events.set("type", 1, Mat5.newString("stim")).set("latency", 1, Mat5.newScalar(samples - 999));
        eeg.set("event", events);
        Path set = write(tmp.resolve("long.set"), Map.of("EEG", eeg));

        Counting counting = new Counting(channels, samples);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        EegData data = EeglabReader.read(set, w -> { }, counting);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(samples, data.sampleCount());
        assertEquals(2, data.annotations().size());
        assertEquals(2.0, data.annotations().get(0).onset()); // (1001 - 1) / 500 Hz
        assertEquals((long) channels * samples, counting.written);
        assertTrue(counting.largestWrite <= samples / 10, "one write of " + counting.largestWrite + " samples");
        assertTrue(allocated < 16L << 20, "reading 64 MB of samples allocated " + (allocated >> 20) + " MiB");
        for (int c = 0; c < channels; c++) {
            for (int t : new int[] {0, 12_345, samples - 1}) {
                assertEquals((double) value(c, t) * 1e-6, counting.kept[c][t % Counting.KEPT], "channel " + c
                        + " sample " + t);
            }
        }
    }

    private static float value(int channel, int sample) {
        return ((sample * 7 + channel * 131) % 2001 - 1000) / 8f;
    }

    /** Keeps nothing but a few samples of each row: a reader that held the recording would show in the heap. */
    private static final class Counting implements Samples.Factory, Samples.Writer {
        static final int KEPT = 20_000;
        final int rows;
        final long columns;
        final double[][] kept;
        long written;
        int largestWrite;

        Counting(int rows, long columns) {
            this.rows = rows;
            this.columns = columns;
            this.kept = new double[rows][KEPT];
        }

        @Override
        public Samples.Writer newSamples(int r, long c) {
            assertEquals(rows, r);
            assertEquals(columns, c);
            return this;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public long columns() {
            return columns;
        }

        @Override
        public void write(int row, long from, double[] src, int off, int len) {
            written += len;
            largestWrite = Math.max(largestWrite, len);
            for (int i = 0; i < len; i++) {
                long t = from + i;
                if (t == 0 || t == 12_345 || t == columns - 1) {
                    kept[row][(int) (t % KEPT)] = src[off + i];
                }
            }
        }

        @Override
        public Samples finish() {
            return new Samples() {
                @Override
                public int rows() {
                    return rows;
                }

                @Override
                public long columns() {
                    return columns;
                }

                @Override
                public void read(int row, long from, double[] dst, int off, int len) {
                    throw new UnsupportedOperationException("not kept");
                }
            };
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The fields EEGLAB needs, samples in {@code dataFile}, no channel locations or events. */
    private static Struct minimal(int channels, int samples, String dataFile) {
        Struct eeg = Mat5.newStruct();
        eeg.set("nbchan", Mat5.newScalar(channels));
        eeg.set("trials", Mat5.newScalar(1));
        eeg.set("pnts", Mat5.newScalar(samples));
        eeg.set("srate", Mat5.newScalar(500));
        eeg.set("data", Mat5.newString(dataFile));
        eeg.set("chanlocs", Mat5.newMatrix(0, 0));
        eeg.set("event", Mat5.newMatrix(0, 0));
        return eeg;
    }

    private static Path write(Path file, Map<String, Array> variables) throws IOException {
        MatFile mat = Mat5.newMatFile();
        variables.forEach(mat::addArray);
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    private static void refused(Path file, String expected) {
        EegFormatException e = assertThrows(EegFormatException.class, () -> EeglabReader.read(file, w -> { }));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static JsonObject json(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(array.getString(i));
        }
        return out;
    }
}
