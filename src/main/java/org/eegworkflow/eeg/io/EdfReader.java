package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.sdk.Samples;

/**
 * Reads EDF, EDF+ and BDF recordings the way MNE-Python 1.3's {@code read_raw_edf} / {@code read_raw_bdf} do, telling
 * them apart by the header: samples in volts ({@code (digital * cal + offset) * unit}), every signal an
 * {@link ChannelKind#EEG} channel except a {@code Status}/{@code Trigger} channel ({@link ChannelKind#MISC}), and the
 * texts of the {@code EDF Annotations} / {@code BDF Annotations} signals as annotations.
 *
 * <p>EDF+D (discontinuous) files are read when their data records follow each other without gaps, and refused
 * otherwise. Signals with different sampling rates are refused (MNE would resample them). The file is read a block of
 * data records at a time, straight into the result.
 */
public final class EdfReader {
    private static final int BLOCK_BYTES = 1 << 20;
    private static final Pattern ONSET = Pattern.compile("[+-]\\d+(\\.\\d*)?");
    private static final Pattern DURATION = Pattern.compile("\\d+(\\.\\d*)?");

    private EdfReader() {
    }

    /** Reads a recording; warnings go to this class's system logger. */
    public static EegData read(Path file) {
        return read(file, ReaderSupport.logTo(EdfReader.class));
    }

    /**
     * Reads a recording.
     *
     * @param file     an EDF, EDF+ or BDF file
     * @param warnings receives one message for each thing read but worth knowing (annotations outside the data,
     *                 unreadable annotations, bytes after the last data record)
     * @throws EegFormatException if the file cannot be read; the message says why
     */
    public static EegData read(Path file, Consumer<String> warnings) {
        return read(file, warnings, Samples.inMemory());
    }

    /**
     * Reads a recording, its samples into writers of {@code samples} (a block passes its context's
     * {@code newSamples}, so a long recording goes to a file, never whole into the heap).
     *
     * @see #read(Path, Consumer)
     */
    public static EegData read(Path file, Consumer<String> warnings, Samples.Factory samples) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(warnings, "warnings");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(channel, file, warnings);
            long sampleCount = (long) h.records * h.samplesPerRecord;
            Samples.Writer writer = ReaderSupport.allocate(file, samples, h.dataSignals.length, sampleCount);
            List<ReaderSupport.Marker> markers = readRecords(channel, file, h, writer, warnings);
            Samples data = writer.finish();
            List<Annotation> annotations = ReaderSupport.fitToData(markers, (int) sampleCount, h.samplingRate, file,
                    warnings);
            return new EegData(ReaderSupport.name(file), RecordingFormat.EDF, h.samplingRate, h.names, h.kinds, data,
                    annotations);
        } catch (NoSuchFileException e) {
            throw EegFormatException.in(file, "does not exist");
        } catch (IOException e) {
            throw EegFormatException.in(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the header and the annotations of a recording, not its samples: of each data record only the annotation
     * signal's bytes are read, so a file of any size is described in moments. The checks are those of
     * {@link #read(Path, Consumer)}.
     *
     * @throws EegFormatException if the file cannot be read; the message says why
     */
    public static RecordingHeader describe(Path file, Consumer<String> warnings) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(warnings, "warnings");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(channel, file, warnings);
            long sampleCount = (long) h.records * h.samplesPerRecord;
            TalParser tals = new TalParser(file, h, warnings);
            int bytesPerSample = h.bdf ? 3 : 2;
            for (int record = 0; record < h.records && h.annotationSignals.length > 0; record++) {
                long recordStart = h.headerBytes + (long) record * h.recordBytes;
                for (int i = 0; i < h.annotationSignals.length; i++) {
                    int signal = h.annotationSignals[i];
                    int length = h.samplesPerSignal[signal] * bytesPerSample;
                    ByteBuffer tal = ByteBuffer.allocate(length);
                    BrainVisionReader.readFully(channel, tal, recordStart + h.signalOffsets[signal], file);
                    tals.parse(tal.array(), 0, length, record, i == 0);
                }
            }
            List<Annotation> annotations = ReaderSupport.fitToData(tals.finish(), (int) sampleCount, h.samplingRate,
                    file, warnings);
            return new RecordingHeader(ReaderSupport.name(file), RecordingFormat.EDF, h.bdf, h.names, h.samplingRate,
                    sampleCount, annotations);
        } catch (NoSuchFileException e) {
            throw EegFormatException.in(file, "does not exist");
        } catch (IOException e) {
            throw EegFormatException.in(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What the header says. Signals are indexed as in the file; {@code dataSignals} lists the ones that become
     * channels, {@code annotationSignals} the TAL ones.
     */
    private record Header(boolean bdf, boolean discontinuous, int headerBytes, int records, double recordSeconds,
                          int[] samplesPerSignal, long[] signalOffsets, int recordBytes, int[] dataSignals,
                          int[] annotationSignals, int samplesPerRecord, double samplingRate, double[] cal,
                          double[] offset, double[] unit, boolean[] status, List<String> names,
                          List<ChannelKind> kinds) {
    }

    // ---------------------------------------------------------------- header

    private static Header readHeader(FileChannel channel, Path file, Consumer<String> warnings) throws IOException {
        long size = channel.size();
        if (size < 256) {
            throw EegFormatException.in(file, "is " + size + " bytes, too short for an EDF/BDF header (256 bytes);"
                    + " it is not an EDF or BDF file, or it was cut short");
        }
        ByteBuffer fixed = ByteBuffer.allocate(256);
        BrainVisionReader.readFully(channel, fixed, 0, file);
        byte[] head = fixed.array();
        boolean bdf;
        if ((head[0] & 0xff) == 0xff && ascii(head, 1, 7).equals("BIOSEMI")) {
            bdf = true;
        } else if (ascii(head, 0, 8).strip().equals("0")) {
            bdf = false;
        } else {
            throw EegFormatException.in(file, "is not an EDF or BDF file: it starts with "
                    + ReaderSupport.quote(ascii(head, 0, 8)) + " where EDF has '0' and BDF has 0xFF 'BIOSEMI'");
        }
        String kind = bdf ? "BDF" : "EDF";
        String reserved = ascii(head, 192, 44).strip();
        boolean plus = reserved.startsWith("EDF+") || reserved.startsWith("BDF+");
        boolean discontinuous = plus && reserved.substring(4).startsWith("D");

        long signals = headerWhole(file, head, 252, 4, "number of signals");
        if (signals < 1 || signals > ReaderSupport.MAX_CHANNELS + 16) {
            throw EegFormatException.in(file, "the header's number of signals, " + signals + ", is not between 1 and "
                    + (ReaderSupport.MAX_CHANNELS + 16) + "; the header is damaged");
        }
        int ns = (int) signals;
        long headerBytes = headerWhole(file, head, 184, 8, "number of header bytes");
        if (headerBytes != 256L * (ns + 1)) {
            throw EegFormatException.in(file, "the header says " + ns + " signals, which take " + 256L * (ns + 1)
                    + " header bytes, but also that the header is " + headerBytes + " bytes; the header is damaged");
        }
        if (size < headerBytes) {
            throw EegFormatException.in(file, "is truncated: " + size + " bytes, shorter than its own header ("
                    + headerBytes + " bytes for " + ns + " signals)");
        }
        ByteBuffer signalBuffer = ByteBuffer.allocate(256 * ns);
        BrainVisionReader.readFully(channel, signalBuffer, 256, file);
        byte[] sh = signalBuffer.array();

        String[] labels = new String[ns];
        String[] dimensions = new String[ns];
        double[] physMin = new double[ns];
        double[] physMax = new double[ns];
        double[] digMin = new double[ns];
        double[] digMax = new double[ns];
        int[] samplesPerSignal = new int[ns];
        int o = 0;
        for (int i = 0; i < ns; i++) {
            labels[i] = ascii(sh, o + 16 * i, 16).strip();
        }
        o += 16 * ns + 80 * ns; // labels, transducer types
        for (int i = 0; i < ns; i++) {
            dimensions[i] = ascii(sh, o + 8 * i, 8).strip();
        }
        o += 8 * ns;
        o = signalNumbers(file, sh, o, ns, labels, "physical minimum", physMin);
        o = signalNumbers(file, sh, o, ns, labels, "physical maximum", physMax);
        o = signalNumbers(file, sh, o, ns, labels, "digital minimum", digMin);
        o = signalNumbers(file, sh, o, ns, labels, "digital maximum", digMax);
        o += 80 * ns; // prefiltering
        for (int i = 0; i < ns; i++) {
            long n = signalWhole(file, sh, o + 8 * i, labels[i], "samples per data record");
            if (n < 1 || n > 10_000_000) {
                throw EegFormatException.in(file, "signal " + (i + 1) + " (" + labels[i] + ") has " + n
                        + " samples per data record; the header is damaged");
            }
            samplesPerSignal[i] = (int) n;
        }

        List<Integer> data = new ArrayList<>();
        List<Integer> annotations = new ArrayList<>();
        for (int i = 0; i < ns; i++) {
            if (labels[i].equals("EDF Annotations") || labels[i].equals("BDF Annotations")) {
                annotations.add(i);
            } else {
                data.add(i);
            }
        }
        if (data.isEmpty()) {
            throw EegFormatException.in(file, "has no signals to read, only annotations");
        }
        int spr = samplesPerSignal[data.get(0)];
        for (int i : data) {
            if (samplesPerSignal[i] != spr) {
                throw EegFormatException.in(file, "its signals have different sampling rates (" + labels[data.get(0)]
                        + " " + spr + " and " + labels[i] + " " + samplesPerSignal[i] + " samples per data record);"
                        + " this is not supported: export the recording with one sampling rate for all channels");
            }
        }

        int bytesPerSample = bdf ? 3 : 2;
        long[] signalOffsets = new long[ns];
        long recordBytes = 0;
        for (int i = 0; i < ns; i++) {
            signalOffsets[i] = recordBytes;
            recordBytes += (long) samplesPerSignal[i] * bytesPerSample;
        }
        if (recordBytes > Integer.MAX_VALUE / 2) {
            throw EegFormatException.in(file, "data records of " + recordBytes + " bytes; the header is damaged");
        }

        double recordSeconds = headerNumber(file, head, 244, 8, "duration of a data record");
        if (recordSeconds == 0) {
            warnings.accept(ReaderSupport.name(file) + ": the header gives data records a duration of 0 s; 1 s is"
                    + " assumed, as MNE does");
            recordSeconds = 1;
        }
        if (!(recordSeconds > 0)) {
            throw EegFormatException.in(file, "the header's duration of a data record, " + recordSeconds
                    + " s, is negative; the header is damaged");
        }
        double samplingRate = spr / recordSeconds;
        if (!Double.isFinite(samplingRate)) {
            throw EegFormatException.in(file, "the header's duration of a data record, " + recordSeconds
                    + " s, gives no usable sampling rate; the header is damaged");
        }

        long available = (size - headerBytes) / recordBytes;
        long records = headerWhole(file, head, 236, 8, "number of data records");
        if (records == -1) {
            records = available;
            if ((size - headerBytes) % recordBytes != 0) {
                warnings.accept(ReaderSupport.name(file) + ": the last " + (size - headerBytes) % recordBytes
                        + " bytes are not a whole data record and are ignored");
            }
        } else if (records < 0) {
            throw EegFormatException.in(file, "the header's number of data records, " + records + ", is negative;"
                    + " the header is damaged");
        } else if (records > available) {
            throw EegFormatException.in(file, "is truncated: the header says " + records + " data records of "
                    + recordBytes + " bytes (" + records * recordBytes + " bytes after the " + headerBytes
                    + "-byte header) but the file has " + (size - headerBytes) + " bytes after the header, "
                    + available + " whole records; the upload or copy was cut short");
        } else if (headerBytes + records * recordBytes < size) {
            warnings.accept(ReaderSupport.name(file) + ": " + (size - headerBytes - records * recordBytes)
                    + " bytes after the " + records + " data records the header gives are ignored");
        }
        if (records == 0) {
            throw EegFormatException.in(file, "holds no data records");
        }
        if (records * spr > Integer.MAX_VALUE - 8) {
            throw EegFormatException.in(file, records * spr + " samples per channel are more than one array can"
                    + " hold; cut the recording into shorter files");
        }

        int channels = data.size();
        int[] dataSignals = new int[channels];
        double[] cal = new double[channels];
        double[] offset = new double[channels];
        double[] unit = new double[channels];
        boolean[] status = new boolean[channels];
        List<String> names = new ArrayList<>(channels);
        ChannelKind[] kinds = new ChannelKind[channels];
        List<String> flat = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            int i = data.get(c);
            dataSignals[c] = i;
            if (digMax[i] == digMin[i]) {
                throw EegFormatException.in(file, "signal " + (i + 1) + " (" + labels[i] + ") has digital minimum ="
                        + " digital maximum = " + fmt(digMin[i]) + ", so its samples cannot be scaled; the header is"
                        + " damaged");
            }
            double physicalRange = physMax[i] - physMin[i];
            if (physicalRange == 0) {
                // MNE: "Physical range is not defined", then a range of 1
                flat.add(labels[i]);
                physicalRange = 1;
            }
            cal[c] = physicalRange / (digMax[i] - digMin[i]);
            offset[c] = physMin[i] - digMin[i] * cal[c];
            unit[c] = unitScale(dimensions[i]);
            names.add(labels[i]);
            // as MNE's stim_channel='auto'; BDF status bits are read unscaled
            status[c] = labels[i].equalsIgnoreCase("Status") || labels[i].equalsIgnoreCase("Trigger");
            kinds[c] = status[c] ? ChannelKind.MISC : ChannelKind.EEG;
        }
        if (!flat.isEmpty()) {
            warnings.accept(ReaderSupport.name(file) + ": physical minimum = maximum for " + flat
                    + "; a physical range of 1 is used instead, as MNE does");
        }
        int[] annotationSignals = annotations.stream().mapToInt(Integer::intValue).toArray();
        if (discontinuous && annotationSignals.length == 0) {
            warnings.accept(ReaderSupport.name(file) + ": " + kind + "+D without an annotation signal; its data"
                    + " records are read as if they followed each other without gaps");
        }
        return new Header(bdf, discontinuous, (int) headerBytes, (int) records, recordSeconds, samplesPerSignal,
                signalOffsets, (int) recordBytes, dataSignals, annotationSignals, spr, samplingRate, cal, offset,
                unit, status, ReaderSupport.uniqueNames(names, file, warnings), List.of(kinds));
    }

    /** Scale to volts of an EDF physical dimension; other units (or none) are taken as they are. */
    private static double unitScale(String dimension) {
        double volts = ReaderSupport.voltScale(dimension);
        return Double.isNaN(volts) ? 1 : volts;
    }

    private static String ascii(byte[] bytes, int from, int length) {
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    private static long headerWhole(Path file, byte[] head, int from, int length, String what) {
        String text = ascii(head, from, length).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw EegFormatException.in(file, "the header's " + what + " is " + ReaderSupport.quote(text)
                    + ", not a whole number; the header is damaged");
        }
    }

    private static double headerNumber(Path file, byte[] head, int from, int length, String what) {
        String text = ascii(head, from, length).strip();
        double value = parseNumber(text);
        if (Double.isNaN(value)) {
            throw EegFormatException.in(file, "the header's " + what + " is " + ReaderSupport.quote(text)
                    + ", not a number; the header is damaged");
        }
        return value;
    }

    private static long signalWhole(Path file, byte[] sh, int from, String label, String what) {
        String text = ascii(sh, from, 8).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw EegFormatException.in(file, "signal " + label + ": " + what + " is " + ReaderSupport.quote(text)
                    + ", not a whole number; the header is damaged");
        }
    }

    private static int signalNumbers(Path file, byte[] sh, int from, int ns, String[] labels, String what,
                                     double[] out) {
        for (int i = 0; i < ns; i++) {
            String text = ascii(sh, from + 8 * i, 8).strip();
            out[i] = parseNumber(text);
            if (Double.isNaN(out[i])) {
                throw EegFormatException.in(file, "signal " + (i + 1) + " (" + labels[i] + "): " + what + " is "
                        + ReaderSupport.quote(text) + ", not a number; the header is damaged");
            }
        }
        return from + 8 * ns;
    }

    /** A finite number, or NaN; a decimal comma (written by some exporters) is read as a point. */
    private static double parseNumber(String text) {
        try {
            double value = Double.parseDouble(text.replace(',', '.'));
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.10g", value);
    }

    // ---------------------------------------------------------------- data records

    private static List<ReaderSupport.Marker> readRecords(FileChannel channel, Path file, Header h,
                                                          Samples.Writer data, Consumer<String> warnings)
            throws IOException {
        int recordsPerBlock = Math.max(1, BLOCK_BYTES / h.recordBytes);
        // one block of records decoded into one run per channel, then each run written to its row
        double[][] rows = new double[h.dataSignals.length][recordsPerBlock * h.samplesPerRecord];
        ByteBuffer buffer = ByteBuffer.allocate(recordsPerBlock * h.recordBytes);
        byte[] bytes = buffer.array();
        int spr = h.samplesPerRecord;
        TalParser tals = new TalParser(file, h, warnings);
        long position = h.headerBytes;
        for (int first = 0; first < h.records; first += recordsPerBlock) {
            int count = Math.min(recordsPerBlock, h.records - first);
            buffer.clear().limit(count * h.recordBytes);
            BrainVisionReader.readFully(channel, buffer, position, file);
            position += (long) count * h.recordBytes;
            for (int r = 0; r < count; r++) {
                int record = first + r;
                int base = r * h.recordBytes;
                for (int c = 0; c < h.dataSignals.length; c++) {
                    int at = base + (int) h.signalOffsets[h.dataSignals[c]];
                    double[] row = rows[c];
                    int start = r * spr;
                    if (h.status[c]) {
                        readStatus(bytes, at, spr, h.bdf, h.cal[c], h.offset[c], row, start);
                    } else if (h.bdf) {
                        decode24(bytes, at, spr, h.cal[c], h.offset[c], h.unit[c], row, start);
                    } else {
                        decode16(bytes, at, spr, h.cal[c], h.offset[c], h.unit[c], row, start);
                    }
                }
                for (int i = 0; i < h.annotationSignals.length; i++) {
                    int signal = h.annotationSignals[i];
                    int bytesPerSample = h.bdf ? 3 : 2;
                    tals.parse(bytes, base + (int) h.signalOffsets[signal],
                            h.samplesPerSignal[signal] * bytesPerSample, record, i == 0);
                }
            }
            for (int c = 0; c < rows.length; c++) {
                data.write(c, (long) first * spr, rows[c], 0, count * spr);
            }
        }
        return tals.finish();
    }

    private static void decode16(byte[] b, int at, int n, double cal, double offset, double unit, double[] row,
                                 int start) {
        for (int i = 0; i < n; i++, at += 2) {
            int digital = (short) ((b[at] & 0xff) | (b[at + 1] << 8));
            row[start + i] = (digital * cal + offset) * unit;
        }
    }

    private static void decode24(byte[] b, int at, int n, double cal, double offset, double unit, double[] row,
                                 int start) {
        for (int i = 0; i < n; i++, at += 3) {
            int digital = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] << 16);
            row[start + i] = (digital * cal + offset) * unit;
        }
    }

    /**
     * A status/trigger channel as MNE reads it: bits 0-16 of the value, for BDF of the digital value, for EDF of the
     * physical value (in the file's unit, truncated to a whole number).
     */
    private static void readStatus(byte[] b, int at, int n, boolean bdf, double cal, double offset, double[] row,
                                   int start) {
        for (int i = 0; i < n; i++) {
            long value;
            if (bdf) {
                value = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] << 16);
                at += 3;
            } else {
                int digital = (short) ((b[at] & 0xff) | (b[at + 1] << 8));
                value = (long) (digital * cal + offset);
                at += 2;
            }
            row[start + i] = value & ((1 << 17) - 1);
        }
    }

    // ---------------------------------------------------------------- annotations

    /**
     * Reads the time-stamped annotation lists (TALs) of EDF+: {@code +onset[\u0015duration]\u0014text\u0014...\u0000}.
     * The first TAL of each record in the first annotation signal keeps the record's start time, which is used to
     * check that an EDF+D file has no gaps.
     */
    private static final class TalParser {
        private final Header h;
        private final Consumer<String> warnings;
        private final List<ReaderSupport.Marker> markers = new ArrayList<>();
        private final Path file;
        private int malformed;
        private double firstStart = Double.NaN;

        TalParser(Path file, Header h, Consumer<String> warnings) {
            this.file = file;
            this.h = h;
            this.warnings = warnings;
        }

        void parse(byte[] b, int from, int length, int record, boolean timekeeping) {
            int end = from + length;
            int i = from;
            boolean firstTal = true;
            while (i < end) {
                if (b[i] == 0) {
                    i++;
                    continue;
                }
                int close = -1;
                for (int j = i; j + 1 < end; j++) {
                    if (b[j] == 0x14 && b[j + 1] == 0) {
                        close = j;
                        break;
                    }
                }
                if (close < 0) {
                    malformed++;
                    return;
                }
                tal(b, i, close, record, timekeeping && firstTal);
                firstTal = false;
                i = close + 2;
            }
        }

        private void tal(byte[] b, int from, int to, int record, boolean timekeeping) {
            List<String> parts = new ArrayList<>();
            int start = from;
            for (int j = from; j <= to; j++) {
                if (j == to || b[j] == 0x14) {
                    parts.add(text(b, start, j));
                    start = j + 1;
                }
            }
            String time = parts.get(0);
            int cut = time.indexOf('\u0015');
            String onsetText = cut < 0 ? time : time.substring(0, cut);
            String durationText = cut < 0 ? "" : time.substring(cut + 1);
            if (!ONSET.matcher(onsetText).matches()
                    || !(durationText.isEmpty() || DURATION.matcher(durationText).matches())) {
                malformed++;
                return;
            }
            double onset = Double.parseDouble(onsetText);
            double duration = durationText.isEmpty() ? 0 : Double.parseDouble(durationText);
            if (timekeeping) {
                checkContinuity(onset, record);
            }
            for (int k = 1; k < parts.size(); k++) {
                if (!parts.get(k).isEmpty()) {
                    markers.add(new ReaderSupport.Marker(onset, duration, parts.get(k),
                            "'" + parts.get(k) + "' in data record " + (record + 1)));
                }
            }
        }

        private void checkContinuity(double start, int record) {
            if (record == 0) {
                firstStart = start;
                return;
            }
            double expected = firstStart + record * h.recordSeconds;
            if (h.discontinuous && Math.abs(start - expected) > 0.5 / h.samplingRate) {
                throw EegFormatException.in(file, "EDF+D (discontinuous) file with a gap: data record " + (record + 1)
                        + " starts at " + fmt(start) + " s, not at " + fmt(expected) + " s where the one before it"
                        + " ends; recordings with gaps are not supported: export each continuous part as its own"
                        + " file (EDF+C)");
            }
        }

        /** Annotation texts are UTF-8 (EDF+ says so); Latin-1 where the bytes are not. */
        private static String text(byte[] b, int from, int to) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
            }
        }

        List<ReaderSupport.Marker> finish() {
            if (malformed > 0) {
                warnings.accept(ReaderSupport.name(file) + ": " + malformed + " annotation list(s) could not be read"
                        + " (not +onset[\\x15duration]\\x14text\\x14\\x00) and were skipped");
            }
            return markers;
        }
    }
}
