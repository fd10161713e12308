package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.sdk.Samples;

/**
 * Reads a BrainVision recording (a {@code .vhdr} header, and the data file and {@code .vmrk} marker file it names)
 * the way MNE-Python 1.3's {@code read_raw_brainvision} does: samples in volts, channels whose unit is not a voltage
 * (and channels placed at the origin by a {@code [Coordinates]} section) as {@link ChannelKind#MISC}, and each marker
 * as an annotation {@code Type/Description} at {@code (position - 1) / sfreq} seconds.
 *
 * <p>Binary data in INT_16, INT_32 or IEEE_FLOAT_32, multiplexed or vectorized, little- or big-endian, or text
 * data ({@code DataFormat=ASCII}, also vectorized, which MNE cannot read); header versions 1.0 and 2.0. The data file
 * is read block by block into the result, never whole into memory.
 */
public final class BrainVisionReader {
    private static final Set<String> HEADER_LINES = Set.of(
            "Brain Vision Data Exchange Header File Version 1.0",
            "BrainVision Data Exchange Header File Version 1.0",
            "Brain Vision Data Exchange Header File Version 2.0",
            "BrainVision Data Exchange Header File Version 2.0");
    private static final Set<String> MARKER_LINES = Set.of(
            "Brain Vision Data Exchange Marker File, Version 1.0",
            "BrainVision Data Exchange Marker File, Version 1.0",
            "Brain Vision Data Exchange Marker File Version 1.0",
            "BrainVision Data Exchange Marker File Version 1.0",
            "Brain Vision Data Exchange Marker File, Version 2.0",
            "BrainVision Data Exchange Marker File, Version 2.0",
            "Brain Vision Data Exchange Marker File Version 2.0",
            "BrainVision Data Exchange Marker File Version 2.0");
    /** Header and marker files are a few kB; anything this big is not one. */
    private static final long MAX_TEXT_BYTES = 16L << 20;
    private static final int BLOCK_BYTES = 1 << 20;
    /** Channels MNE makes EOG by default ({@code eog=('HEOGL', 'HEOGR', 'VEOGb')}): not filtered, not averaged. */
    private static final Set<String> MNE_EOG_NAMES = Set.of("HEOGL", "HEOGR", "VEOGb");
    private static final Pattern CODEPAGE = Pattern.compile("Codepage=(.+)", Pattern.UNIX_LINES);
    private static final Pattern CHANNEL_KEY = Pattern.compile("ch(\\d+)");
    private static final Pattern MARKER_LINE = Pattern.compile("Mk(\\d+)=(.*)", Pattern.CASE_INSENSITIVE);

    private BrainVisionReader() {
    }

    /** Reads a recording; warnings (markers left out, unknown units, ...) go to this class's system logger. */
    public static EegData read(Path vhdr) {
        return read(vhdr, ReaderSupport.logTo(BrainVisionReader.class));
    }

    /**
     * Reads a recording.
     *
     * @param vhdr     the header file; the data and marker files it names must be in the same folder
     * @param warnings receives one message for each thing read but worth knowing (markers outside the data, a
     *                 missing marker file, units not known, channels made misc)
     * @throws EegFormatException if the recording cannot be read; the message says which file and why
     */
    public static EegData read(Path vhdr, Consumer<String> warnings) {
        return read(vhdr, warnings, Samples.inMemory());
    }

    /**
     * Reads a recording, its samples into writers of {@code samples} (a block passes its context's
     * {@code newSamples}, so a long recording goes to a file, never whole into the heap).
     *
     * @see #read(Path, Consumer)
     */
    public static EegData read(Path vhdr, Consumer<String> warnings, Samples.Factory samples) {
        Objects.requireNonNull(vhdr, "vhdr");
        Objects.requireNonNull(warnings, "warnings");
        Header header = readHeader(vhdr, warnings);
        Samples data = readSamples(header, samples);
        long sampleCount = data.columns();
        List<Annotation> annotations = header.markerFile == null ? List.of()
                : readMarkers(header.markerFile, (int) sampleCount, header.samplingRate, warnings);
        return new EegData(ReaderSupport.name(vhdr), RecordingFormat.BRAINVISION, header.samplingRate,
                header.names, header.kinds, data, annotations);
    }

    /**
     * Reads the header and the markers of a recording, not its samples: the sample count comes from the data file's
     * size (text data, which is small, is parsed). The checks are those of {@link #read(Path, Consumer)}.
     *
     * @throws EegFormatException if the recording cannot be read; the message says which file and why
     */
    public static RecordingHeader describe(Path vhdr, Consumer<String> warnings) {
        Objects.requireNonNull(vhdr, "vhdr");
        Objects.requireNonNull(warnings, "warnings");
        Header header = readHeader(vhdr, warnings);
        long sampleCount = header.format == null ? readSamples(header, Samples.inMemory()).columns()
                : binarySamples(header);
        List<Annotation> annotations = header.markerFile == null ? List.of()
                : readMarkers(header.markerFile, (int) Math.min(sampleCount, Integer.MAX_VALUE), header.samplingRate,
                        warnings);
        return new RecordingHeader(ReaderSupport.name(vhdr), RecordingFormat.BRAINVISION, false, header.names,
                header.samplingRate, sampleCount, annotations);
    }

    private enum BinaryFormat {
        INT_16(2), INT_32(4), IEEE_FLOAT_32(4);

        final int bytes;

        BinaryFormat(int bytes) {
            this.bytes = bytes;
        }
    }

    /** {@code format} is null for text data, which skips {@code skipLines} lines and {@code skipColumns} columns. */
    private record Header(Path dataFile, Path markerFile, boolean vectorized, BinaryFormat format,
                          ByteOrder order, int skipLines, int skipColumns, int channels, long dataPoints,
                          double samplingRate, List<String> names, List<ChannelKind> kinds, double[] scales) {
    }

    // ---------------------------------------------------------------- header

    private static Header readHeader(Path vhdr, Consumer<String> warnings) {
        String text = decode(readText(vhdr, "header"), vhdr, warnings);
        int firstEnd = lineEnd(text, 0);
        String firstLine = text.substring(0, firstEnd).strip();
        if (!HEADER_LINES.contains(firstLine)) {
            throw EegFormatException.in(vhdr, "is not a BrainVision header: its first line is "
                    + ReaderSupport.quote(firstLine) + " where 'Brain Vision Data Exchange Header File Version 1.0'"
                    + " (or 2.0) was expected; choose the .vhdr file of the recording");
        }
        String params = text.substring(firstEnd);
        int comment = params.indexOf("[Comment]");
        if (comment >= 0) {
            params = params.substring(0, comment);
        }
        Map<String, Section> ini = parseIni(params, vhdr);

        Section common = section(ini, vhdr, "Common Infos");
        double interval = number(vhdr, common, "SamplingInterval");
        double samplingRate = 1e6 / interval;
        if (!(interval > 0) || !Double.isFinite(samplingRate)) {
            throw EegFormatException.in(vhdr, "[Common Infos] SamplingInterval=" + common.get("SamplingInterval")
                    + " is not a positive time in microseconds (1000 means 1000 Hz)");
        }
        String dataFormat = common.get("DataFormat");
        if (dataFormat == null) {
            warnings.accept(ReaderSupport.name(vhdr) + ": [Common Infos] has no DataFormat; read as BINARY");
            dataFormat = "BINARY";
        }
        boolean ascii = dataFormat.equals("ASCII");
        if (!ascii && !dataFormat.equals("BINARY")) {
            throw EegFormatException.in(vhdr, "[Common Infos] DataFormat=" + ReaderSupport.quote(dataFormat)
                    + " is neither BINARY nor ASCII");
        }
        String orientation = common.get("DataOrientation");
        if (orientation == null) {
            warnings.accept(ReaderSupport.name(vhdr) + ": [Common Infos] has no DataOrientation; read as MULTIPLEXED");
            orientation = "MULTIPLEXED";
        }
        boolean vectorized;
        if (orientation.equals("MULTIPLEXED")) {
            vectorized = false;
        } else if (orientation.equals("VECTORIZED")) {
            vectorized = true;
        } else {
            throw EegFormatException.in(vhdr, "[Common Infos] DataOrientation=" + ReaderSupport.quote(orientation)
                    + " is neither MULTIPLEXED nor VECTORIZED");
        }
        long channelCount = whole(vhdr, common, "NumberOfChannels");
        if (channelCount < 1 || channelCount > ReaderSupport.MAX_CHANNELS) {
            throw EegFormatException.in(vhdr, "[Common Infos] NumberOfChannels=" + channelCount + " is not between 1"
                    + " and " + ReaderSupport.MAX_CHANNELS + "; the header is damaged");
        }
        int channels = (int) channelCount;
        long dataPoints = common.get("DataPoints") == null ? -1 : whole(vhdr, common, "DataPoints");
        if (common.get("DataPoints") != null && dataPoints < 0) {
            throw EegFormatException.in(vhdr, "[Common Infos] DataPoints=" + dataPoints + " is negative");
        }

        BinaryFormat format = null;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int skipLines = 0;
        int skipColumns = 0;
        if (ascii) {
            Section textInfos = ini.getOrDefault("ascii infos", new Section("ASCII Infos"));
            skipLines = count(vhdr, textInfos, "SkipLines");
            skipColumns = count(vhdr, textInfos, "SkipColumns");
        } else {
            Section binary = section(ini, vhdr, "Binary Infos");
            format = binaryFormat(vhdr, binary);
            order = byteOrder(vhdr, binary);
        }

        String[] names = new String[channels];
        double[] scales = new double[channels];
        boolean[] voltage = new boolean[channels];
        readChannels(vhdr, section(ini, vhdr, "Channel Infos"), names, scales, voltage, warnings);
        List<String> nameList = ReaderSupport.uniqueNames(List.of(names), vhdr, warnings);
        List<ChannelKind> kinds = kinds(vhdr, ini, names, voltage, warnings);

        String dataName = common.get("DataFile");
        if (dataName == null || dataName.isEmpty()) {
            throw EegFormatException.in(vhdr, "[Common Infos] has no DataFile naming the data file");
        }
        Path dataFile = inFolder(vhdr, dataName, "DataFile");
        if (!Files.isRegularFile(dataFile)) {
            throw EegFormatException.in(vhdr, "the data file " + ReaderSupport.quote(dataName) + " named by DataFile"
                    + " is missing; put it next to the header (a BrainVision recording is three files: .vhdr, .vmrk"
                    + " and the data file)");
        }
        Path markerFile = null;
        String markerName = common.get("MarkerFile");
        if (markerName == null || markerName.isEmpty()) {
            warnings.accept(ReaderSupport.name(vhdr) + ": [Common Infos] names no MarkerFile; read without markers");
        } else {
            markerFile = inFolder(vhdr, markerName, "MarkerFile");
            if (!Files.isRegularFile(markerFile)) {
                warnings.accept(ReaderSupport.name(vhdr) + ": the marker file " + ReaderSupport.quote(markerName)
                        + " is missing; read without markers (upload it next to the header to get events)");
                markerFile = null;
            }
        }
        return new Header(dataFile, markerFile, vectorized, format, order, skipLines, skipColumns, channels,
                dataPoints, samplingRate, nameList, kinds, scales);
    }

    private static BinaryFormat binaryFormat(Path vhdr, Section binary) {
        String formatName = binary.get("BinaryFormat");
        if (formatName == null) {
            throw EegFormatException.in(vhdr, "[Binary Infos] has no BinaryFormat (INT_16, INT_32 or IEEE_FLOAT_32)");
        }
        try {
            return BinaryFormat.valueOf(formatName);
        } catch (IllegalArgumentException e) {
            throw EegFormatException.in(vhdr, "[Binary Infos] BinaryFormat=" + ReaderSupport.quote(formatName)
                    + " is not supported; it must be INT_16, INT_32 or IEEE_FLOAT_32");
        }
    }

    private static ByteOrder byteOrder(Path vhdr, Section binary) {
        String bigEndian = binary.get("UseBigEndianOrder");
        if (bigEndian == null || bigEndian.equalsIgnoreCase("NO")) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (bigEndian.equalsIgnoreCase("YES")) {
            return ByteOrder.BIG_ENDIAN;
        }
        throw EegFormatException.in(vhdr, "[Binary Infos] UseBigEndianOrder=" + ReaderSupport.quote(bigEndian)
                + " must be YES or NO");
    }

    /** An optional count (0 when absent) of lines or columns to skip in text data. */
    private static int count(Path vhdr, Section section, String key) {
        if (section.get(key) == null) {
            return 0;
        }
        long value = whole(vhdr, section, key);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw EegFormatException.in(vhdr, "[" + section.name + "] " + key + "=" + value + " is not a count");
        }
        return (int) value;
    }

    private static void readChannels(Path vhdr, Section section, String[] names, double[] scales, boolean[] voltage,
                                     Consumer<String> warnings) {
        int channels = names.length;
        List<String> unknownUnits = new ArrayList<>();
        for (Map.Entry<String, String> entry : section.values.entrySet()) {
            Matcher key = CHANNEL_KEY.matcher(entry.getKey());
            if (!key.matches()) {
                continue;
            }
            int number;
            try {
                number = Integer.parseInt(key.group(1));
            } catch (NumberFormatException e) {
                number = Integer.MAX_VALUE;
            }
            String label = "Ch" + key.group(1);
            if (number < 1 || number > channels) {
                throw EegFormatException.in(vhdr, "[Channel Infos] has " + label + " but NumberOfChannels="
                        + channels + "; the header does not match itself (fix NumberOfChannels or the Ch entries)");
            }
            String[] props = entry.getValue().split(",", -1);
            String name = props[0].replace("\\1", ",");
            String resolutionText = props.length > 2 ? props[2].strip() : "";
            double resolution = 1.0;
            if (!resolutionText.isEmpty()) {
                try {
                    resolution = Double.parseDouble(resolutionText);
                } catch (NumberFormatException e) {
                    resolution = Double.NaN;
                }
                if (!Double.isFinite(resolution)) {
                    throw EegFormatException.in(vhdr, "[Channel Infos] " + label + " (" + name + ") has resolution "
                            + ReaderSupport.quote(resolutionText) + ", not a number");
                }
            }
            // MNE drops a stray U+00C2, the trace of a UTF-8 micro sign read as Latin-1
            String unit = props.length > 3 ? props[3].replace("\u00c2", "").strip() : "";
            if (unit.isEmpty()) {
                unit = "\u00b5V";
            }
            double scale = unitScale(unit);
            if (Double.isNaN(scale)) {
                unknownUnits.add(name + " '" + unit + "'");
                scale = 1;
            }
            names[number - 1] = name;
            // one factor, as MNE's cals: raw * (resolution * unit) in this order gives its exact doubles
            scales[number - 1] = resolution * scale;
            voltage[number - 1] = !Double.isNaN(ReaderSupport.voltScale(unit));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            if (names[i] == null) {
                missing.add("Ch" + (i + 1));
            }
        }
        if (!missing.isEmpty()) {
            throw EegFormatException.in(vhdr, "NumberOfChannels=" + channels + " but [Channel Infos] has no "
                    + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : "")
                    + "; the header does not match itself (fix NumberOfChannels or the Ch entries)");
        }
        if (!unknownUnits.isEmpty()) {
            warnings.accept(ReaderSupport.name(vhdr) + ": unknown unit(s) for " + String.join(", ", unknownUnits)
                    + ": values read unscaled (resolution x 1) as misc channels");
        }
    }

    /** Scale factor to SI units of a BrainVision unit, NaN if the unit is not known. */
    private static double unitScale(String unit) {
        double volts = ReaderSupport.voltScale(unit);
        if (!Double.isNaN(volts)) {
            return volts;
        }
        switch (unit) {
            case "\u00b5S":
            case "\u03bcS":
            case "uS":
                return 1e-6;
            case "S":
            case "C":
            case "ARU":
            case "N":
                return 1;
            default:
                return Double.NaN;
        }
    }

    /**
     * EEG for channels in a voltage unit, MISC for the others; as MNE also MISC for the default EOG names and, when the
     * header has a {@code [Coordinates]} section, for channels it places at the origin (radius 0).
     */
    private static List<ChannelKind> kinds(Path vhdr, Map<String, Section> ini, String[] names, boolean[] voltage,
                                           Consumer<String> warnings) {
        ChannelKind[] kinds = new ChannelKind[names.length];
        for (int i = 0; i < names.length; i++) {
            kinds[i] = voltage[i] && !MNE_EOG_NAMES.contains(names[i]) && !names[i].equals("STI 014")
                    ? ChannelKind.EEG : ChannelKind.MISC;
        }
        Section coordinates = ini.get("coordinates");
        if (coordinates != null) {
            List<String> atOrigin = new ArrayList<>();
            for (Map.Entry<String, String> entry : coordinates.values.entrySet()) {
                Matcher key = CHANNEL_KEY.matcher(entry.getKey());
                if (!key.matches()) {
                    continue;
                }
                int index;
                try {
                    index = Integer.parseInt(key.group(1)) - 1;
                } catch (NumberFormatException e) {
                    index = -1;
                }
                if (index < 0 || index >= names.length) {
                    continue;
                }
                String[] position = entry.getValue().split(",");
                double radius;
                try {
                    radius = Double.parseDouble(position[0].strip());
                } catch (NumberFormatException e) {
                    warnings.accept(ReaderSupport.name(vhdr) + ": [Coordinates] Ch" + key.group(1) + "="
                            + ReaderSupport.quote(entry.getValue()) + " is not radius,theta,phi; ignored");
                    continue;
                }
                if (radius == 0 && kinds[index] == ChannelKind.EEG) {
                    kinds[index] = ChannelKind.MISC;
                    atOrigin.add(names[index]);
                }
            }
            if (!atOrigin.isEmpty()) {
                warnings.accept(ReaderSupport.name(vhdr) + ": no coordinates for channels " + atOrigin
                        + " (radius 0 in [Coordinates]): read as misc channels, as MNE does");
            }
        }
        return List.of(kinds);
    }

    /** A file named in the header, confined to the header's folder. */
    private static Path inFolder(Path vhdr, String name, String field) {
        String refused = null;
        if (name.indexOf('\0') >= 0) {
            refused = "contains a NUL character";
        } else if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            refused = "is an absolute path";
        } else {
            for (String part : name.split("[/\\\\]")) {
                if (part.equals("..")) {
                    refused = "leaves the folder of the header";
                }
            }
        }
        Path folder = vhdr.toAbsolutePath().normalize().getParent();
        Path resolved = null;
        if (refused == null) {
            try {
                resolved = folder.resolve(name).normalize();
                if (!resolved.startsWith(folder)) {
                    refused = "leaves the folder of the header";
                } else if (Files.exists(resolved) && !resolved.toRealPath().startsWith(folder.toRealPath())) {
                    refused = "is a link leading out of the folder of the header";
                }
            } catch (InvalidPathException | IOException e) {
                refused = "is not a valid file name";
            }
        }
        if (refused != null) {
            throw EegFormatException.in(vhdr, field + "=" + ReaderSupport.quote(name) + " " + refused
                    + "; the files of a recording must be side by side: give the file name only");
        }
        return resolved;
    }

    // ---------------------------------------------------------------- samples

    private static Samples readSamples(Header h, Samples.Factory factory) {
        Path file = h.dataFile;
        if (h.format == null) {
            try {
                // text data is for small files: parsed in the heap, then stored as any other samples
                double[][] rows = AsciiSamples.read(file, h.channels, h.vectorized, h.dataPoints, h.skipLines,
                        h.skipColumns, h.scales);
                Samples.Writer writer = ReaderSupport.allocate(file, factory, rows.length, rows[0].length);
                for (int c = 0; c < rows.length; c++) {
                    writer.write(c, 0, rows[c], 0, rows[c].length);
                }
                return writer.finish();
            } catch (IOException e) {
                throw EegFormatException.in(file, "cannot be read (" + e.getMessage() + ")", e);
            }
        }
        long samples = binarySamples(h);
        Samples.Writer data = ReaderSupport.allocate(file, factory, h.channels, samples);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (h.vectorized) {
                readVectorized(channel, h, data, (int) samples);
            } else {
                readMultiplexed(channel, h, data, (int) samples);
            }
        } catch (IOException e) {
            throw EegFormatException.in(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        return data.finish();
    }

    /** The samples per channel of a binary data file, from its size, checked against the header's DataPoints. */
    private static long binarySamples(Header h) {
        Path file = h.dataFile;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw EegFormatException.in(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        long frame = (long) h.channels * h.format.bytes;
        String layout = h.channels + " channels x " + h.format.bytes + " bytes (" + h.format + ") = " + frame
                + " bytes per sample";
        long samples;
        if (h.vectorized && h.dataPoints >= 0) {
            if (h.dataPoints > size / frame) {
                throw EegFormatException.in(file, "is truncated: it has " + size + " bytes, " + size / frame
                        + " samples of " + layout + ", but the header says DataPoints=" + h.dataPoints + "; the"
                        + " upload or copy was cut short, or the header's DataPoints/NumberOfChannels/BinaryFormat are"
                        + " wrong");
            }
            long expected = h.dataPoints * frame;
            if (size > expected) {
                throw EegFormatException.in(file, "has " + size + " bytes but DataPoints=" + h.dataPoints + " x "
                        + layout + " make " + expected + "; the header's DataPoints, NumberOfChannels or BinaryFormat"
                        + " are wrong (correct DataPoints if the data file is right)");
            }
            samples = h.dataPoints;
        } else {
            if (size % frame != 0) {
                throw EegFormatException.in(file, "is truncated: its " + size + " bytes are not a whole number of"
                        + " samples of " + layout + " (" + size / frame + " samples and " + size % frame
                        + " bytes); the upload or copy was cut short, or the header's NumberOfChannels or BinaryFormat"
                        + " are wrong");
            }
            samples = size / frame;
            if (h.dataPoints >= 0 && samples < h.dataPoints) {
                throw EegFormatException.in(file, "is truncated: it holds " + samples + " samples (" + size
                        + " bytes of " + layout + ") but the header says DataPoints=" + h.dataPoints);
            }
            // MNE would read them all, but a file holding more samples than its header says is mostly one whose
            // BinaryFormat or NumberOfChannels is wrong, and reading it would give noise in place of the recording
            if (h.dataPoints >= 0 && samples > h.dataPoints) {
                throw EegFormatException.in(file, "holds " + samples + " samples (" + size + " bytes of " + layout
                        + ") but the header says DataPoints=" + h.dataPoints + "; the header's BinaryFormat or"
                        + " NumberOfChannels are wrong (correct DataPoints if the data file is right)");
            }
        }
        if (samples == 0) {
            throw EegFormatException.in(file, "holds no samples (" + size + " bytes)");
        }
        return samples;
    }

    /**
     * ch1 pt1, ch2 pt1, ... : whole samples per block, transposed into one run per channel (the block stays in cache,
     * rather than writing to every row for every sample, which thrashes the TLB), and each run written to its row.
     */
    private static void readMultiplexed(FileChannel channel, Header h, Samples.Writer data, int samples)
            throws IOException {
        int channels = h.channels;
        int frame = channels * h.format.bytes;
        int framesPerBlock = Math.max(1, BLOCK_BYTES / frame);
        double[][] rows = new double[channels][framesPerBlock];
        ByteBuffer buffer = ByteBuffer.allocateDirect(framesPerBlock * frame).order(h.order);
        double[] scales = h.scales;
        short[] shorts = h.format == BinaryFormat.INT_16 ? new short[framesPerBlock * channels] : null;
        int[] ints = h.format == BinaryFormat.INT_32 ? new int[framesPerBlock * channels] : null;
        float[] floats = h.format == BinaryFormat.IEEE_FLOAT_32 ? new float[framesPerBlock * channels] : null;
        long position = 0;
        for (int start = 0; start < samples; start += framesPerBlock) {
            int frames = Math.min(framesPerBlock, samples - start);
            buffer.clear().limit(frames * frame);
            readFully(channel, buffer, position, h.dataFile);
            position += (long) frames * frame;
            buffer.flip();
            int values = frames * channels;
            switch (h.format) {
                case INT_16 -> {
                    buffer.asShortBuffer().get(shorts, 0, values);
                    for (int c = 0; c < channels; c++) {
                        double[] row = rows[c];
                        double scale = scales[c];
                        for (int f = 0, k = c; f < frames; f++, k += channels) {
                            row[f] = shorts[k] * scale;
                        }
                    }
                }
                case INT_32 -> {
                    buffer.asIntBuffer().get(ints, 0, values);
                    for (int c = 0; c < channels; c++) {
                        double[] row = rows[c];
                        double scale = scales[c];
                        for (int f = 0, k = c; f < frames; f++, k += channels) {
                            row[f] = ints[k] * scale;
                        }
                    }
                }
                case IEEE_FLOAT_32 -> {
                    buffer.asFloatBuffer().get(floats, 0, values);
                    for (int c = 0; c < channels; c++) {
                        double[] row = rows[c];
                        double scale = scales[c];
                        for (int f = 0, k = c; f < frames; f++, k += channels) {
                            row[f] = floats[k] * scale;
                        }
                    }
                }
                default -> throw new IllegalStateException(h.format.toString());
            }
            for (int c = 0; c < channels; c++) {
                data.write(c, start, rows[c], 0, frames);
            }
        }
    }

    /** ch1 pt1, ch1 pt2, ... : each channel is one contiguous run, read in blocks straight into its row. */
    private static void readVectorized(FileChannel channel, Header h, Samples.Writer data, int samples)
            throws IOException {
        int bytes = h.format.bytes;
        int perBlock = BLOCK_BYTES / bytes;
        ByteBuffer buffer = ByteBuffer.allocateDirect(perBlock * bytes).order(h.order);
        short[] shorts = h.format == BinaryFormat.INT_16 ? new short[perBlock] : null;
        int[] ints = h.format == BinaryFormat.INT_32 ? new int[perBlock] : null;
        float[] floats = h.format == BinaryFormat.IEEE_FLOAT_32 ? new float[perBlock] : null;
        double[] row = new double[perBlock];
        for (int c = 0; c < h.channels; c++) {
            double scale = h.scales[c];
            long position = (long) c * samples * bytes;
            for (int start = 0; start < samples; start += perBlock) {
                int count = Math.min(perBlock, samples - start);
                buffer.clear().limit(count * bytes);
                readFully(channel, buffer, position, h.dataFile);
                position += (long) count * bytes;
                buffer.flip();
                switch (h.format) {
                    case INT_16 -> {
                        buffer.asShortBuffer().get(shorts, 0, count);
                        for (int i = 0; i < count; i++) {
                            row[i] = shorts[i] * scale;
                        }
                    }
                    case INT_32 -> {
                        buffer.asIntBuffer().get(ints, 0, count);
                        for (int i = 0; i < count; i++) {
                            row[i] = ints[i] * scale;
                        }
                    }
                    case IEEE_FLOAT_32 -> {
                        buffer.asFloatBuffer().get(floats, 0, count);
                        for (int i = 0; i < count; i++) {
                            row[i] = floats[i] * scale;
                        }
                    }
                    default -> throw new IllegalStateException(h.format.toString());
                }
                data.write(c, start, row, 0, count);
            }
        }
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw EegFormatException.in(file, "is truncated: it ended at byte " + position
                        + " while being read (was it changed meanwhile?)");
            }
            position += n;
        }
    }

    // ---------------------------------------------------------------- markers

    private static List<Annotation> readMarkers(Path vmrk, int samples, double samplingRate,
                                                Consumer<String> warnings) {
        String text = decode(readText(vmrk, "marker file"), vmrk, warnings);
        String[] lines = text.split("\r\n|\r|\n", -1);
        String first = lines[0].strip();
        if (!MARKER_LINES.contains(first)) {
            warnings.accept(ReaderSupport.name(vmrk) + ": first line " + ReaderSupport.quote(first) + " is not the"
                    + " usual 'Brain Vision Data Exchange Marker File, Version 1.0' (or 2.0); markers read anyway");
        }
        List<ReaderSupport.Marker> markers = new ArrayList<>();
        boolean inMarkers = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                inMarkers = line.equalsIgnoreCase("[Marker Infos]");
                continue;
            }
            if (!inMarkers) {
                continue;
            }
            Matcher m = MARKER_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String label = "Mk" + m.group(1);
            String[] fields = m.group(2).split(",", -1);
            if (fields.length < 3) {
                throw EegFormatException.in(vmrk, label + "=" + ReaderSupport.quote(m.group(2)) + " has no position;"
                        + " markers are Mk<n>=<type>,<description>,<position>,<size>,<channel>");
            }
            long position;
            try {
                position = Long.parseLong(fields[2].strip());
            } catch (NumberFormatException e) {
                throw EegFormatException.in(vmrk, label + " has position " + ReaderSupport.quote(fields[2])
                        + ", not a whole number of samples; markers are"
                        + " Mk<n>=<type>,<description>,<position>,<size>,<channel>");
            }
            long size = 0;
            if (fields.length > 3 && fields[3].matches("[0-9]{1,18}")) {
                size = Long.parseLong(fields[3]);
            }
            String description = fields[0].replace("\\1", ",") + "/" + fields[1].replace("\\1", ",");
            markers.add(new ReaderSupport.Marker((position - 1) / samplingRate, size / samplingRate, description,
                    label));
        }
        return ReaderSupport.fitToData(markers, samples, samplingRate, vmrk, warnings);
    }

    // ---------------------------------------------------------------- text files

    private static byte[] readText(Path file, String what) {
        try {
            if (Files.size(file) > MAX_TEXT_BYTES) {
                throw EegFormatException.in(file, "is " + Files.size(file) + " bytes, too big for a BrainVision "
                        + what + "; choose the .vhdr file of the recording");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw EegFormatException.in(file, "does not exist");
        } catch (IOException e) {
            throw EegFormatException.in(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The text of a header or marker file in the code page it declares ({@code Codepage=UTF-8} or {@code ANSI}, that
     * is windows-1252), falling back to Latin-1 where the bytes do not fit it, as MNE does.
     */
    private static String decode(byte[] bytes, Path file, Consumer<String> warnings) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        Charset charset = StandardCharsets.UTF_8;
        Matcher m = CODEPAGE.matcher(new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1));
        if (m.find()) {
            String name = m.group(1).strip();
            if (name.equalsIgnoreCase("ANSI")) {
                name = "windows-1252";
            }
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException e) {
                warnings.accept(ReaderSupport.name(file) + ": unknown Codepage=" + ReaderSupport.quote(name)
                        + "; read as Latin-1");
                charset = StandardCharsets.ISO_8859_1;
            }
        }
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            return chars.toString();
        } catch (CharacterCodingException e) {
            warnings.accept(ReaderSupport.name(file) + ": not valid " + charset.name() + " text; read as Latin-1");
            return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        }
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** One INI section: keys compared without case, as Python's configparser (which MNE uses) does. */
    private static final class Section {
        final String name;
        final Map<String, String> values = new LinkedHashMap<>();

        Section(String name) {
            this.name = name;
        }

        String get(String key) {
            return values.get(key.toLowerCase(Locale.ROOT));
        }
    }

    private static Map<String, Section> parseIni(String text, Path file) {
        Map<String, Section> sections = new TreeMap<>();
        Section current = null;
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                String key = name.toLowerCase(Locale.ROOT);
                if (sections.containsKey(key)) {
                    throw EegFormatException.in(file, "section [" + name + "] appears twice; the header is damaged");
                }
                current = new Section(name);
                sections.put(key, current);
                continue;
            }
            int equals = line.indexOf('=');
            if (current == null || equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(equals + 1).strip();
            if (current.values.putIfAbsent(key, value) != null) {
                throw EegFormatException.in(file, "[" + current.name + "] has " + line.substring(0, equals).strip()
                        + " twice; the header is damaged");
            }
        }
        return sections;
    }

    private static Section section(Map<String, Section> ini, Path file, String name) {
        Section section = ini.get(name.toLowerCase(Locale.ROOT));
        if (section == null) {
            throw EegFormatException.in(file, "has no [" + name + "] section; it is not a complete BrainVision header");
        }
        return section;
    }

    private static double number(Path file, Section section, String key) {
        String text = section.get(key);
        if (text == null) {
            throw EegFormatException.in(file, "[" + section.name + "] has no " + key);
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EegFormatException.in(file, "[" + section.name + "] " + key + "=" + ReaderSupport.quote(text)
                + " is not a number");
    }

    private static long whole(Path file, Section section, String key) {
        String text = section.get(key);
        if (text == null) {
            throw EegFormatException.in(file, "[" + section.name + "] has no " + key);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw EegFormatException.in(file, "[" + section.name + "] " + key + "=" + ReaderSupport.quote(text)
                    + " is not a whole number");
        }
    }
}
