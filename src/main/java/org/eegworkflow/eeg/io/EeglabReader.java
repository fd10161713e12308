package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.jhdf.HdfFile;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.sdk.Samples;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;

/**
 * Reads EEGLAB {@code .set} recordings as MNE-Python 1.3's {@code read_raw_eeglab} does: MAT v5/v7 files through MFL,
 * v7.3 (HDF5) through jHDF; the fields in an {@code EEG} struct or, as EEGLAB 2021 saves them, at the top level; the
 * samples in the {@code .set} or in the {@code .fdt} file {@code EEG.data} names (float32, little-endian, one sample of
 * every channel after another). Samples are EEGLAB's microvolts times 1e-6, as doubles, exactly MNE's arithmetic;
 * channel names are {@code EEG.chanlocs.labels} ({@code EEG 000}, ... without chanlocs); {@code EEG.event} becomes
 * annotations at {@code (latency - 1) / srate} with {@code duration / srate}, described by {@code str(type)}.
 *
 * <p>An {@code .fdt} file is read a block at a time straight into the result. Samples in the {@code .set} are copied
 * a block at a time too, but the MAT file itself is decoded in memory (it may be compressed), so long recordings
 * belong in an {@code .fdt}. Epoched data sets ({@code EEG.trials > 1}) are refused, as MNE's raw reader does.
 */
public final class EeglabReader {
    /** EEGLAB stores microvolts; MNE's {@code CAL}. */
    private static final double CAL = 1e-6;
    private static final int BLOCK_BYTES = 1 << 20;
    /** MNE's {@code _PICK_TYPES_KEYS}: the channel types a {@code chanlocs.type} may name. */
    private static final Set<String> MNE_TYPES = Set.of("meg", "eeg", "csd", "stim", "eog", "ecg", "emg", "misc",
            "resp", "chpi", "exci", "ias", "syst", "seeg", "dipole", "gof", "bio", "ecog", "fnirs", "dbs",
            "temperature", "gsr", "ref_meg");
    /** The types MNE filters and averages by default, as this project's EEG channels are. */
    private static final Set<String> DATA_TYPES = Set.of("eeg", "seeg", "ecog", "dbs");

    private EeglabReader() {
    }

    /** Reads a recording; warnings go to this class's system logger. */
    public static EegData read(Path set) {
        return read(set, ReaderSupport.logTo(EeglabReader.class));
    }

    /** Reads a recording into the heap. */
    public static EegData read(Path set, Consumer<String> warnings) {
        return read(set, warnings, Samples.inMemory());
    }

    /**
     * Reads a recording, its samples into writers of {@code samples} (a block passes its context's
     * {@code newSamples}, so a long recording goes to a file, never whole into the heap).
     *
     * @param set      the {@code .set} file; its {@code .fdt}, if any, beside it
     * @param warnings receives one message for each thing read but worth knowing (events outside the data,
     *                 {@code boundary} events, a renamed {@code .fdt}, unknown channel types)
     * @throws EegFormatException if the recording cannot be read; the message says why
     */
    public static EegData read(Path set, Consumer<String> warnings, Samples.Factory samples) {
        Objects.requireNonNull(samples, "samples");
        return withVariables(set, warnings, top -> read(set, top, warnings, samples));
    }

    /** What a data set's top-level variables give, read by MFL (MAT v5/v7) or jHDF (v7.3). */
    @FunctionalInterface
    private interface Parse<T> {
        T apply(MatValue.Structs top) throws IOException;
    }

    /**
     * Opens the .set with the library its format needs and parses its variables; whatever the libraries throw at a
     * damaged file becomes an {@link EegFormatException} naming it. The one place {@link #read} and
     * {@link #describe} open a file.
     */
    private static <T> T withVariables(Path set, Consumer<String> warnings, Parse<T> parse) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(warnings, "warnings");
        if (!Files.isRegularFile(set)) {
            throw EegFormatException.in(set, "does not exist");
        }
        boolean hdf5 = isHdf5(set);
        try {
            if (hdf5) {
                try (HdfFile file = new HdfFile(set)) {
                    return parse.apply(Hdf5Values.variables(file));
                }
            }
            MatFile file = Mat5.readFromFile(set.toFile());
            try {
                return parse.apply(Mat5Values.variables(file));
            } finally {
                file.close();
            }
        } catch (EegFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the libraries throw what they meet (EOF, bad tags, class casts of a damaged header): name it
            throw EegFormatException.in(set, "cannot be read as a MATLAB " + (hdf5 ? "v7.3 (HDF5)" : "v5/v7")
                    + " file: it is damaged or cut short (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (OutOfMemoryError e) {
            throw EegFormatException.in(set, "is too big to decode in memory; save the data set with its data in a"
                    + " separate .fdt file (EEGLAB's pop_saveset ... 'savemode', 'twofiles')", e);
        }
    }

    /**
     * Whether the file is MAT v7.3 (HDF5): MATLAB's 128-byte header says version 0x0200; without the header, the HDF5
     * signature at 0 or 512. Anything that is neither a v5 header nor HDF5 is refused here, with what it starts with.
     */
    private static boolean isHdf5(Path set) {
        byte[] head = new byte[1032];
        int n;
        try (FileChannel channel = FileChannel.open(set, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(head);
            n = 0;
            while (buffer.hasRemaining()) {
                int r = channel.read(buffer);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw EegFormatException.in(set, "does not exist");
        } catch (IOException e) {
            throw EegFormatException.in(set, "cannot be read (" + e.getMessage() + ")", e);
        }
        for (int at : new int[] {0, 512, 1024}) {
            if (n >= at + 8 && (head[at] & 0xff) == 0x89 && head[at + 1] == 'H' && head[at + 2] == 'D'
                    && head[at + 3] == 'F') {
                return true;
            }
        }
        boolean littleEndian = n >= 128 && head[126] == 'I' && head[127] == 'M';
        boolean bigEndian = n >= 128 && head[126] == 'M' && head[127] == 'I';
        if (!littleEndian && !bigEndian) {
            throw EegFormatException.in(set, "is not an EEGLAB .set file (a MATLAB MAT file): it starts with "
                    + ReaderSupport.quote(new String(head, 0, Math.min(n, 40), StandardCharsets.ISO_8859_1))
                    + (n < 128 ? " and is only " + n + " bytes" : "") + "; MAT v5, v7 and v7.3 files are read");
        }
        int version = littleEndian ? (head[124] & 0xff) | (head[125] & 0xff) << 8
                : (head[125] & 0xff) | (head[124] & 0xff) << 8;
        if (version == 0x0200) {
            throw EegFormatException.in(set, "says it is a MAT v7.3 file but holds no HDF5 data; it is damaged or"
                    + " cut short");
        }
        return false;
    }

    // ---------------------------------------------------------------- the EEG structure

    /** The parts of a data set the samples are read by, and that a header-only description lists. */
    private record Parsed(MatValue.Structs eeg, int channels, int samples, double srate, List<String> names,
                          List<ChannelKind> kinds) {
    }

    private static EegData read(Path set, MatValue.Structs top, Consumer<String> warnings, Samples.Factory factory)
            throws IOException {
        Parsed p = parse(set, top, warnings);
        MatValue data = p.eeg().get(0, "data");
        Samples values;
        if (data instanceof MatValue.Text text) {
            values = readFdt(set, fdtFile(set, text.text(), warnings), p.channels(), p.samples(), factory);
        } else if (data instanceof MatValue.Numbers matrix) {
            values = readEmbedded(set, matrix, p.channels(), p.samples(), factory);
        } else {
            throw EegFormatException.in(set, "EEG.data is " + MatValue.describe(data) + ", neither the samples nor the"
                    + " name of an .fdt file");
        }
        List<ReaderSupport.Marker> markers = events(set, p.eeg(), p.srate(), warnings);
        List<Annotation> annotations = ReaderSupport.fitToData(markers, p.samples(), p.srate(), set, warnings);
        return new EegData(ReaderSupport.name(set), RecordingFormat.EEGLAB, p.srate(),
                ReaderSupport.uniqueNames(p.names(), set, warnings), p.kinds(), values, annotations);
    }

    /**
     * What the data set's header says, without its samples: for a dataset listing. An .fdt file is only checked to
     * be there and long enough; samples embedded in the .set are decoded by the MAT library with the file, as when
     * it is read (save large data sets with a separate .fdt).
     */
    public static RecordingHeader describe(Path set, Consumer<String> warnings) {
        return withVariables(set, warnings, top -> describe(set, top, warnings));
    }

    private static RecordingHeader describe(Path set, MatValue.Structs top, Consumer<String> warnings)
            throws IOException {
        Parsed p = parse(set, top, warnings);
        MatValue data = p.eeg().get(0, "data");
        if (data instanceof MatValue.Text text) {
            Path fdt = fdtFile(set, text.text(), warnings);
            long needed = 4L * p.channels() * p.samples();
            long size = Files.size(fdt);
            if (size < needed) {
                throw EegFormatException.in(fdt, "is truncated: " + size + " bytes, where " + p.channels()
                        + " channels x " + p.samples() + " samples of float32 take " + needed);
            }
        } else if (!(data instanceof MatValue.Numbers)) {
            throw EegFormatException.in(set, "EEG.data is " + MatValue.describe(data) + ", neither the samples nor the"
                    + " name of an .fdt file");
        }
        List<ReaderSupport.Marker> markers = events(set, p.eeg(), p.srate(), warnings);
        List<Annotation> annotations = ReaderSupport.fitToData(markers, p.samples(), p.srate(), set, warnings);
        return new RecordingHeader(ReaderSupport.name(set), RecordingFormat.EEGLAB, false,
                ReaderSupport.uniqueNames(p.names(), set, warnings), p.srate(), p.samples(), annotations);
    }

    private static Parsed parse(Path set, MatValue.Structs top, Consumer<String> warnings) {
        if (top.has("ALLEEG")) {
            throw EegFormatException.in(set, "holds an ALLEEG array (several data sets); save each data set on its"
                    + " own (EEGLAB: File > Save current dataset)");
        }
        MatValue.Structs eeg = top;
        if (top.has("EEG")) {
            eeg = struct(set, top.get(0, "EEG"), "EEG");
            if (eeg.has("EEG")) {
                eeg = struct(set, eeg.get(0, "EEG"), "EEG.EEG"); // as MNE: a nested EEG inside EEG
            }
        }
        long trials = whole(set, eeg, "trials");
        if (trials != 1) {
            throw EegFormatException.in(set, "holds " + trials + " epochs (EEG.trials); only continuous data sets are"
                    + " read (one trial), as MNE's read_raw_eeglab does");
        }
        long nbchan = whole(set, eeg, "nbchan");
        if (nbchan < 1 || nbchan > ReaderSupport.MAX_CHANNELS) {
            throw EegFormatException.in(set, "EEG.nbchan is " + nbchan + ", not between 1 and "
                    + ReaderSupport.MAX_CHANNELS + "; the data set is damaged");
        }
        long pnts = whole(set, eeg, "pnts");
        if (pnts < 1 || pnts > Integer.MAX_VALUE - 8) {
            throw EegFormatException.in(set, "EEG.pnts is " + pnts + ", not between 1 and " + (Integer.MAX_VALUE - 8)
                    + " samples; the data set is damaged or too long for one file");
        }
        double srate = number(set, eeg, "srate");
        if (!(srate > 0) || Double.isInfinite(srate)) {
            throw EegFormatException.in(set, "EEG.srate is " + srate + ", not a sampling rate; the data set is damaged");
        }
        int channels = (int) nbchan;
        int samples = (int) pnts;
        List<String> names = new ArrayList<>(channels);
        List<ChannelKind> kinds = new ArrayList<>(channels);
        channels(set, eeg, channels, names, kinds, warnings);
        return new Parsed(eeg, channels, samples, srate, names, kinds);
    }

    private static MatValue.Structs struct(Path set, MatValue value, String field) {
        if (value instanceof MatValue.Structs s && s.count() == 1) {
            return s;
        }
        throw EegFormatException.in(set, field + " is " + MatValue.describe(value) + ", not one struct; this is not"
                + " an EEGLAB data set");
    }

    private static double number(Path set, MatValue.Structs eeg, String field) {
        MatValue value = eeg.get(0, field);
        if (value == null) {
            throw EegFormatException.in(set, "has no EEG." + field + "; this is not an EEGLAB data set, or it is"
                    + " damaged");
        }
        if (!(value instanceof MatValue.Numbers n) || n.count() < 1) {
            throw EegFormatException.in(set, "EEG." + field + " is " + MatValue.describe(value) + ", not a number;"
                    + " the data set is damaged");
        }
        return n.first();
    }

    /** A whole number as MNE's {@code int(eeg.field)} takes it (truncated). */
    private static long whole(Path set, MatValue.Structs eeg, String field) {
        double value = number(set, eeg, field);
        if (!Double.isFinite(value)) {
            throw EegFormatException.in(set, "EEG." + field + " is " + value + ", not a whole number; the data set is"
                    + " damaged");
        }
        return (long) value;
    }

    /** Names and kinds from {@code EEG.chanlocs} as MNE's {@code _get_info}, or {@code EEG 000}, ... without. */
    private static void channels(Path set, MatValue.Structs eeg, int channels, List<String> names,
                                 List<ChannelKind> kinds, Consumer<String> warnings) {
        MatValue.Structs chanlocs = structArray(set, eeg.get(0, "chanlocs"), "EEG.chanlocs");
        if (chanlocs == null || chanlocs.count() == 0) {
            for (int c = 0; c < channels; c++) {
                names.add(String.format(Locale.ROOT, "EEG %03d", c));
                kinds.add(ChannelKind.EEG);
            }
            return;
        }
        if (chanlocs.count() != channels) {
            throw EegFormatException.in(set, "EEG.chanlocs describes " + chanlocs.count() + " channels but EEG.nbchan"
                    + " is " + channels + "; the data set is damaged");
        }
        if (!chanlocs.has("labels")) {
            throw EegFormatException.in(set, "EEG.chanlocs has no labels field; the data set is damaged");
        }
        TreeMap<String, List<String>> unknown = new TreeMap<>();
        for (int c = 0; c < channels; c++) {
            String label = text(set, chanlocs.get(c, "labels"), "EEG.chanlocs(" + (c + 1) + ").labels");
            names.add(label);
            ChannelKind kind = ChannelKind.EEG;
            if (chanlocs.get(c, "type") instanceof MatValue.Text type) {
                String t = type.text().strip().toLowerCase(Locale.ROOT);
                if (MNE_TYPES.contains(t)) {
                    kind = DATA_TYPES.contains(t) ? ChannelKind.EEG : ChannelKind.MISC;
                } else {
                    unknown.computeIfAbsent(t, k -> new ArrayList<>()).add(label);
                }
            }
            kinds.add(kind);
        }
        unknown.remove(""); // an empty type is EEGLAB's default, not worth a warning
        if (!unknown.isEmpty()) {
            warnings.accept(ReaderSupport.name(set) + ": unknown channel types " + unknown
                    + " in EEG.chanlocs.type; those channels are read as EEG, as MNE does");
        }
    }

    /** A struct array, or a cell array of single structs (as some writers save one); null when absent or empty. */
    private static MatValue.Structs structArray(Path set, MatValue value, String field) {
        if (value == null || value instanceof MatValue.Structs) {
            return (MatValue.Structs) value;
        }
        if (value instanceof MatValue.Numbers n && n.count() == 0) {
            return null; // EEGLAB's []
        }
        if (value instanceof MatValue.Cells cells) {
            List<MatValue.Structs> elements = new ArrayList<>();
            for (MatValue element : cells.elements()) {
                elements.add(struct(set, element, field + "{" + (elements.size() + 1) + "}"));
            }
            List<String> fields = elements.isEmpty() ? List.of() : elements.get(0).source().fields();
            return new MatValue.Structs(elements.size(), new MatValue.StructSource() {
                @Override
                public List<String> fields() {
                    return fields;
                }

                @Override
                public MatValue get(int index, String name) {
                    return elements.get(index).get(0, name);
                }
            });
        }
        throw EegFormatException.in(set, field + " is " + MatValue.describe(value) + ", not a struct array; the data"
                + " set is damaged");
    }

    /** A label or type as Python's {@code str()} prints what scipy read: text as is, 3.0 for a double 3. */
    private static String text(Path set, MatValue value, String field) {
        if (value instanceof MatValue.Text t) {
            return t.text();
        }
        if (value instanceof MatValue.Numbers n) {
            if (n.count() == 0) {
                return "[]";
            }
            if (n.count() == 1) {
                return n.integral() ? Long.toString((long) n.first()) : pythonFloat(n.first());
            }
        }
        throw EegFormatException.in(set, field + " is " + MatValue.describe(value) + ", not a text or a number");
    }

    /** Python's {@code repr(float)}: shortest digits, an exponent below 1e-4 and from 1e16. */
    static String pythonFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal digits = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e16) {
            String plain = digits.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String unscaled = digits.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - digits.scale();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    // ---------------------------------------------------------------- events

    /** {@code EEG.event} as MNE's {@code _read_annotations_eeglab}: onsets {@code (latency - 1) / srate}. */
    private static List<ReaderSupport.Marker> events(Path set, MatValue.Structs eeg, double srate,
                                                      Consumer<String> warnings) {
        MatValue.Structs events = structArray(set, eeg.get(0, "event"), "EEG.event");
        List<ReaderSupport.Marker> markers = new ArrayList<>();
        if (events == null || events.count() == 0) {
            return markers;
        }
        if (!events.has("type") || !events.has("latency")) {
            throw EegFormatException.in(set, "EEG.event has no " + (events.has("type") ? "latency" : "type")
                    + " field; the data set is damaged");
        }
        boolean durations = events.has("duration");
        boolean boundary = false;
        int beforeFirst = 0;
        for (int i = 0; i < events.count(); i++) {
            String where = "EEG.event(" + (i + 1) + ")";
            String type = text(set, events.get(i, "type"), where + ".type");
            MatValue latencyValue = events.get(i, "latency");
            if (!(latencyValue instanceof MatValue.Numbers latency) || latency.count() != 1) {
                throw EegFormatException.in(set, where + ".latency is " + MatValue.describe(latencyValue)
                        + ", not a number; the data set is damaged");
            }
            double duration = 0;
            if (durations) {
                MatValue d = events.get(i, "duration");
                if (d instanceof MatValue.Numbers n && n.count() == 0) {
                    duration = Double.NaN; // as MNE: an empty duration is NaN
                } else if (d instanceof MatValue.Numbers n && n.count() == 1) {
                    duration = n.first();
                } else {
                    throw EegFormatException.in(set, where + ".duration is " + MatValue.describe(d)
                            + ", not a number; the data set is damaged");
                }
            }
            double onset = (latency.first() - 1) / srate;
            double sample = Math.rint(onset * srate);
            if (sample < -1) {
                throw EegFormatException.in(set, where + " (" + type + ") has latency " + latency.first()
                        + ", before the first sample (EEGLAB counts samples from 1); the events are damaged");
            }
            if (sample == -1) {
                beforeFirst++;
            }
            boundary |= type.equals("boundary");
            markers.add(new ReaderSupport.Marker(onset, duration / srate, type, where));
        }
        if (beforeFirst > 0) {
            warnings.accept(ReaderSupport.name(set) + ": " + beforeFirst + " event(s) lie one sample before the data"
                    + " (latency 0, usually a boundary event after resampling) and are left out");
        }
        if (boundary) {
            warnings.accept(ReaderSupport.name(set) + ": the data contains 'boundary' events, where the recording"
                    + " is discontinuous; be cautious of filtering and epoching around them");
        }
        return markers;
    }

    // ---------------------------------------------------------------- samples

    private static Samples readEmbedded(Path set, MatValue.Numbers matrix, int channels, int samples,
                                        Samples.Factory factory) {
        // a one-channel recording may be saved as a vector either way round
        boolean vector = channels == 1 && matrix.count() == samples;
        if (!vector && (matrix.rows() != channels || matrix.columns() != samples)) {
            throw EegFormatException.in(set, "EEG.data is " + matrix.rows() + " x " + matrix.columns() + " but"
                    + " EEG.nbchan x EEG.pnts is " + channels + " x " + samples + "; the data set is damaged");
        }
        Samples.Writer writer = ReaderSupport.allocate(set, factory, channels, samples);
        int frames = Math.max(1, (BLOCK_BYTES / 8) / channels);
        double[] block = new double[frames * channels];
        double[][] rows = new double[channels][frames];
        for (int first = 0; first < samples; first += frames) {
            int count = Math.min(frames, samples - first);
            matrix.source().read((long) first * channels, count * channels, block);
            for (int t = 0; t < count; t++) {
                for (int c = 0; c < channels; c++) {
                    rows[c][t] = block[t * channels + c] * CAL; // MNE: float64 copy, then *= CAL
                }
            }
            for (int c = 0; c < channels; c++) {
                writer.write(c, first, rows[c], 0, count);
            }
        }
        return writer.finish();
    }

    /** The {@code .fdt} file as MNE's {@code _check_eeglab_fname} finds it. */
    private static Path fdtFile(Path set, String dataName, Consumer<String> warnings) {
        int dot = dataName.lastIndexOf('.');
        String extension = dot < 0 ? "" : dataName.substring(dot).toLowerCase(Locale.ROOT);
        if (extension.equals(".dat")) {
            throw EegFormatException.in(set, "EEG.data names " + ReaderSupport.quote(dataName) + ", EEGLAB's old .dat"
                    + " format; open the data set in a current EEGLAB and save it again (it writes .fdt)");
        }
        if (!extension.equals(".fdt")) {
            throw EegFormatException.in(set, "EEG.data names " + ReaderSupport.quote(dataName) + ", not an .fdt data"
                    + " file");
        }
        String setName = ReaderSupport.name(set);
        int setDot = setName.lastIndexOf('.');
        Path besideSet = set.resolveSibling((setDot > 0 ? setName.substring(0, setDot) : setName) + ".fdt");
        // only a file beside the .set: a name with folders in it could point anywhere on the server
        boolean plainName = !dataName.contains("/") && !dataName.contains("\\") && !dataName.equals("..");
        Path named = plainName ? set.resolveSibling(dataName) : null;
        if (named != null && Files.isRegularFile(named)) {
            return named;
        }
        if (Files.isRegularFile(besideSet)) {
            warnings.accept(setName + ": EEG.data names " + ReaderSupport.quote(dataName) + ", which is not beside"
                    + " it; " + besideSet.getFileName() + " is read instead (the file must have been renamed)");
            return besideSet;
        }
        throw EegFormatException.in(set, "its samples are in " + ReaderSupport.quote(dataName) + ", which is missing"
                + (named == null || named.equals(besideSet) ? "" : ", and so is " + besideSet.getFileName())
                + ": upload the .fdt file together with the .set");
    }

    private static Samples readFdt(Path set, Path fdt, int channels, int samples, Samples.Factory factory) {
        long needed = 4L * channels * samples;
        try (FileChannel channel = FileChannel.open(fdt, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < needed) {
                throw EegFormatException.in(fdt, "is truncated: " + size + " bytes, where " + channels + " channels x "
                        + samples + " samples (EEG.nbchan x EEG.pnts in " + ReaderSupport.name(set) + ") of float32"
                        + " take " + needed + "; the upload or copy was cut short");
            }
            Samples.Writer writer = ReaderSupport.allocate(set, factory, channels, samples);
            int frames = Math.max(1, BLOCK_BYTES / (4 * channels));
            ByteBuffer bytes = ByteBuffer.allocate(frames * channels * 4).order(ByteOrder.LITTLE_ENDIAN);
            double[][] rows = new double[channels][frames];
            long position = 0;
            for (int first = 0; first < samples; first += frames) {
                int count = Math.min(frames, samples - first);
                bytes.clear().limit(count * channels * 4);
                BrainVisionReader.readFully(channel, bytes, position, fdt);
                position += (long) count * channels * 4;
                FloatBuffer floats = bytes.flip().asFloatBuffer();
                for (int t = 0; t < count; t++) {
                    for (int c = 0; c < channels; c++) {
                        rows[c][t] = (double) floats.get() * CAL; // MNE: '<f4' read, float64 copy, then *= cals
                    }
                }
                for (int c = 0; c < channels; c++) {
                    writer.write(c, first, rows[c], 0, count);
                }
            }
            return writer.finish();
        } catch (NoSuchFileException e) {
            throw EegFormatException.in(fdt, "does not exist");
        } catch (IOException e) {
            throw EegFormatException.in(fdt, "cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
