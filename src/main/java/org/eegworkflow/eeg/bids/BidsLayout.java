package org.eegworkflow.eeg.bids;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EegFormatException;
import org.eegworkflow.eeg.io.RecordingHeader;

/**
 * Reads a folder as an EEG-BIDS dataset (BIDS 1.9, EEG): recordings are {@code sub-<label>/[ses-<label>/]eeg/
 * sub-<label>[_ses-<label>]_task-<label>[_acq-..][_run-<index>]_eeg.<vhdr|edf|bdf|set>}; the sidecars
 * {@code _eeg.json}, {@code _channels.tsv}, {@code _events.tsv} and {@code _electrodes.tsv} apply by the inheritance
 * principle: a sidecar in the recording's folder or any folder above it applies when its entities are a subset of the
 * recording's; JSON sidecars are merged key by key from the top down (the nearest wins), of TSV sidecars the nearest
 * alone applies. Without {@code sub-*} folders at its top, the folder is read as a plain folder of recordings, one per
 * file, the subject being the file name without its extension.
 *
 * <p>Only headers, marker files and annotation signals are read, never samples. Nothing throws for bad data: what
 * is missing or unreadable becomes one of {@link BidsDataset#problems()}. Symbolic links are not followed.
 */
public final class BidsLayout {
    /** Sidecars are text tables and small JSON documents; anything larger is not one. */
    private static final long MAX_SIDECAR_BYTES = 16L << 20;
    private static final Pattern ENTITY = Pattern.compile("([a-zA-Z]+)-([a-zA-Z0-9]+)");
    private static final Pattern SUBJECT_DIR = Pattern.compile("sub-[a-zA-Z0-9]+");
    private static final Pattern SESSION_DIR = Pattern.compile("ses-[a-zA-Z0-9]+");
    private static final List<String> SIDECARS = List.of("_eeg.json", "_channels.tsv", "_events.tsv",
            "_electrodes.tsv");
    /** Folders of a BIDS dataset that hold no raw recordings. */
    private static final Set<String> NOT_RAW = Set.of("derivatives", "sourcedata", "code", "stimuli");
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Reads a recording's header without its samples. */
    @FunctionalInterface
    interface HeaderReader {
        RecordingHeader describe(Path file, Consumer<String> warnings);
    }

    /** The one place a recording format is wired to its reader. */
    private static final Map<DataFormat, HeaderReader> HEADERS = new EnumMap<>(DataFormat.class);

    static {
        HEADERS.put(DataFormat.BRAINVISION, BrainVisionReader::describe);
        HEADERS.put(DataFormat.EDF, EdfReader::describe);
        HEADERS.put(DataFormat.BDF, EdfReader::describe);
        HEADERS.put(DataFormat.EEGLAB, (file, warnings) -> {
            throw new EegFormatException("EEGLAB files are not read yet");
        });
    }

    private final Path root;
    private final String prefix;
    private final List<String> problems = new ArrayList<>();
    /** Every regular file found, by folder, names sorted. */
    private final Map<Path, List<String>> files = new TreeMap<>();

    private BidsLayout(Path root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /** Reads a folder; paths are relative to it. */
    public static BidsDataset read(Path folder) {
        return read(folder, "");
    }

    /**
     * Reads a folder.
     *
     * @param shownAs how paths in the result and its problems begin (for example the folder's path among the user's
     *                files); {@code ""} for paths relative to {@code folder}
     */
    public static BidsDataset read(Path folder, String shownAs) {
        String prefix = shownAs == null || shownAs.isEmpty() || shownAs.endsWith("/") ? nullToEmpty(shownAs)
                : shownAs + "/";
        return new BidsLayout(folder.toAbsolutePath().normalize(), prefix).read();
    }

    private BidsDataset read() {
        boolean bids = hasSubjects();
        walk(bids);
        return bids ? readBids() : readPlain();
    }

    private boolean hasSubjects() {
        try (var children = Files.list(root)) {
            return children.anyMatch(p -> SUBJECT_DIR.matcher(p.getFileName().toString()).matches()
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return false;
        }
    }

    private void walk(boolean bids) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.equals(root) ? "" : dir.getFileName().toString();
                    if (name.startsWith(".") || bids && dir.getParent().equals(root) && NOT_RAW.contains(name)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".")) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        problems.add(shown(file) + " is a symbolic link, which is not followed: upload the file"
                                + " itself");
                    } else if (attrs.isRegularFile()) {
                        files.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(name);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(shown(file) + " cannot be read (" + e.getClass().getSimpleName() + ")");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(shown(root) + " cannot be read (" + e.getMessage() + ")");
        }
        files.values().forEach(names -> names.sort(null));
    }

    // ---------------------------------------------------------------- plain folders

    private BidsDataset readPlain() {
        List<BidsRecording> recordings = new ArrayList<>();
        files.forEach((dir, names) -> {
            for (String name : names) {
                DataFormat.of(name).ifPresent(format -> {
                    Path file = dir.resolve(name);
                    Map<String, String> entities = Map.of("sub", name.substring(0, name.lastIndexOf('.')));
                    recordings.add(new BidsRecording(file, relative(file), entities, format, header(file, format),
                            JsonValue.EMPTY_JSON_OBJECT, List.of(), List.of(), null, null));
                });
            }
        });
        if (recordings.isEmpty()) {
            problems.add(0, "no recordings in " + (prefix.isEmpty() ? "this folder" : quote(prefix))
                    + ": a recording is a .vhdr (with its .vmrk and data file), .edf, .bdf or .set file, or the folder"
                    + " is a BIDS dataset with sub-<label> folders");
        }
        recordings.sort(Comparator.comparing(BidsRecording::path));
        return new BidsDataset(false, null, null, Map.of(), recordings, problems);
    }

    // ---------------------------------------------------------------- BIDS

    private BidsDataset readBids() {
        List<String> own = new ArrayList<>();
        String name = null;
        String version = null;
        Path description = root.resolve("dataset_description.json");
        if (!Files.isRegularFile(description, LinkOption.NOFOLLOW_LINKS)) {
            own.add(shown(description) + " is missing: a BIDS dataset has one at its top, with at least \"Name\""
                    + " and \"BIDSVersion\"");
        } else {
            JsonObject json = json(description, own);
            if (json != null) {
                name = string(json, "Name");
                version = string(json, "BIDSVersion");
                if (name == null || version == null) {
                    own.add(shown(description) + " lacks \"Name\" or \"BIDSVersion\" (text), which BIDS requires");
                }
            }
        }
        Map<String, Map<String, String>> participants = participants(own);

        List<BidsRecording> recordings = new ArrayList<>();
        Set<Path> describedSidecars = new HashSet<>();
        files.forEach((dir, names) -> {
            for (String fileName : names) {
                if (isRecording(fileName)) {
                    BidsRecording recording = recording(dir, fileName, describedSidecars);
                    if (recording != null) {
                        recordings.add(recording);
                    }
                }
            }
        });
        orphanSidecars(describedSidecars);
        if (recordings.isEmpty()) {
            own.add("no recordings in the sub-* folders: EEG-BIDS keeps them as sub-<label>/[ses-<label>/]eeg/"
                    + "sub-<label>_task-<label>_eeg.<vhdr|edf|bdf|set>");
        }
        Set<String> subjects = new HashSet<>();
        recordings.forEach(r -> subjects.add(r.subject()));
        if (!participants.isEmpty()) {
            subjects.stream().sorted().filter(s -> !participants.containsKey("sub-" + s)).forEach(s -> own.add(
                    shown(root.resolve("participants.tsv")) + " has no row for sub-" + s));
        }
        recordings.sort(Comparator.comparing(BidsRecording::path));
        own.addAll(problems);
        return new BidsDataset(true, name, version, participants, recordings, own);
    }

    private static boolean isRecording(String fileName) {
        return DataFormat.of(fileName).map(f -> fileName.toLowerCase(java.util.Locale.ROOT)
                .endsWith("_eeg" + f.extension())).orElse(false);
    }

    private BidsRecording recording(Path dir, String fileName, Set<Path> describedSidecars) {
        Path file = dir.resolve(fileName);
        Path rel = root.relativize(dir);
        String subjectDir = rel.getNameCount() > 0 ? rel.getName(0).toString() : "";
        boolean placed = SUBJECT_DIR.matcher(subjectDir).matches() && rel.getFileName().toString().equals("eeg")
                && (rel.getNameCount() == 2
                || rel.getNameCount() == 3 && SESSION_DIR.matcher(rel.getName(1).toString()).matches());
        if (!placed) {
            problems.add(shown(file) + " is not where EEG-BIDS keeps recordings (sub-<label>/[ses-<label>/]eeg/):"
                    + " skipped");
            return null;
        }
        DataFormat format = DataFormat.of(fileName).orElseThrow();
        String stem = fileName.substring(0, fileName.length() - format.extension().length() - "_eeg".length());
        Map<String, String> entities = entities(stem);
        if (entities == null || !entities.containsKey("sub")) {
            problems.add(shown(file) + " is not a BIDS file name (sub-<label>[_ses-<label>]_task-<label>"
                    + "[_run-<index>]_eeg" + format.extension() + ", labels of letters and digits): skipped");
            return null;
        }
        if (!("sub-" + entities.get("sub")).equals(subjectDir)) {
            problems.add(shown(file) + " names subject " + entities.get("sub") + " but lies in " + subjectDir
                    + ": skipped");
            return null;
        }
        if (rel.getNameCount() == 3 && !("ses-" + entities.get("ses")).equals(rel.getName(1).toString())) {
            problems.add(shown(file) + " names session " + quote(entities.get("ses")) + " but lies in "
                    + rel.getName(1) + ": skipped");
            return null;
        }
        if (!entities.containsKey("task")) {
            problems.add(shown(file) + " has no task-<label> in its name, which EEG-BIDS requires");
        }
        RecordingHeader header = header(file, format);

        JsonObjectBuilder merged = JSON.createObjectBuilder();
        for (Path json : applying(dir, entities, "_eeg.json", false)) {
            describedSidecars.add(json);
            JsonObject one = json(json, problems);
            if (one != null) {
                one.forEach(merged::add);
            }
        }
        JsonObject sidecar = merged.build();
        if (header != null && sidecar.get("SamplingFrequency") instanceof jakarta.json.JsonNumber rate
                && Math.abs(rate.doubleValue() - header.samplingRate()) > 1e-6 * header.samplingRate()) {
            problems.add(shown(file) + ": its _eeg.json says SamplingFrequency " + rate + " Hz, its header "
                    + header.samplingRate() + " Hz");
        }

        List<Map<String, String>> channels = List.of();
        List<String> bad = new ArrayList<>();
        Path channelsFile = nearest(dir, entities, "_channels.tsv", false);
        if (channelsFile != null) {
            Tsv tsv = tsv(channelsFile, List.of("name"));
            if (tsv != null) {
                channels = tsv.rows;
                for (Map<String, String> row : tsv.rows) {
                    if ("bad".equalsIgnoreCase(row.getOrDefault("status", "").strip())) {
                        bad.add(row.get("name"));
                    }
                }
                if (header != null && tsv.rows.size() != header.channelCount()) {
                    problems.add(shown(channelsFile) + " lists " + tsv.rows.size() + " channels, "
                            + shown(file) + " has " + header.channelCount());
                }
            }
        }

        List<BidsEvent> events = null;
        Path eventsFile = nearest(dir, entities, "_events.tsv", false);
        if (eventsFile != null) {
            events = events(eventsFile);
        }
        Path electrodes = nearest(dir, entities, "_electrodes.tsv", true);
        return new BidsRecording(file, relative(file), entities, format, header, sidecar, channels, bad, events,
                electrodes);
    }

    /** The entities of a name's part before its suffix, in order, or null if it is not a BIDS name. */
    private static Map<String, String> entities(String stem) {
        Map<String, String> entities = new LinkedHashMap<>();
        if (stem.isEmpty()) {
            return entities;
        }
        for (String part : stem.split("_", -1)) {
            var m = ENTITY.matcher(part);
            if (!m.matches() || entities.put(m.group(1), m.group(2)) != null) {
                return null;
            }
        }
        return entities;
    }

    /**
     * The sidecars of one suffix that apply to a recording, least specific first: from the dataset's top down to the
     * recording's folder, and within a folder by the number of entities.
     *
     * @param ignoreSpace whether a sidecar's {@code space} entity is left out of the match (electrode positions
     *                    carry it, recordings do not)
     */
    private List<Path> applying(Path dir, Map<String, String> entities, String suffix, boolean ignoreSpace) {
        List<Path> folders = new ArrayList<>();
        for (Path d = dir; d != null && d.startsWith(root); d = d.getParent()) {
            folders.add(0, d);
        }
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            List<Map.Entry<Path, Integer>> here = new ArrayList<>();
            for (String name : files.getOrDefault(folder, List.of())) {
                if (!name.endsWith(suffix)) {
                    continue;
                }
                Map<String, String> own = entities(name.substring(0, name.length() - suffix.length()));
                if (own == null) {
                    continue;
                }
                if (ignoreSpace) {
                    own.remove("space");
                }
                if (entities.entrySet().containsAll(own.entrySet())) {
                    here.add(Map.entry(folder.resolve(name), own.size()));
                }
            }
            here.sort(Map.Entry.comparingByValue());
            here.forEach(e -> found.add(e.getKey()));
        }
        return found;
    }

    private Path nearest(Path dir, Map<String, String> entities, String suffix, boolean ignoreSpace) {
        List<Path> all = applying(dir, entities, suffix, ignoreSpace);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** An {@code _eeg.json} in an {@code eeg} folder that describes no recording: its data file is missing. */
    private void orphanSidecars(Set<Path> described) {
        files.forEach((dir, names) -> {
            if (!dir.getFileName().toString().equals("eeg")) {
                return;
            }
            for (String name : names) {
                Path json = dir.resolve(name);
                if (name.endsWith("_eeg.json") && !described.contains(json)) {
                    problems.add(shown(json) + " describes a recording that is missing: no "
                            + name.substring(0, name.length() - ".json".length()) + ".vhdr, .edf, .bdf or .set beside"
                            + " it");
                }
            }
        });
    }

    private Map<String, Map<String, String>> participants(List<String> own) {
        Path file = root.resolve("participants.tsv");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        Tsv tsv = tsv(file, List.of("participant_id"), own);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        if (tsv != null) {
            tsv.rows.forEach(row -> rows.put(row.get("participant_id"), row));
        }
        return rows;
    }

    private List<BidsEvent> events(Path file) {
        Tsv tsv = tsv(file, List.of("onset", "duration"));
        if (tsv == null) {
            return null;
        }
        String typeColumn = tsv.columns.contains("trial_type") ? "trial_type"
                : tsv.columns.contains("value") ? "value" : null;
        if (typeColumn == null) {
            problems.add(shown(file) + " has neither a trial_type nor a value column, so its events have no type");
        }
        List<BidsEvent> events = new ArrayList<>();
        int line = 1;
        int refused = 0;
        String firstRefused = null;
        for (Map<String, String> row : tsv.rows) {
            line++;
            try {
                double onset = Double.parseDouble(row.get("onset").strip());
                String durationText = row.get("duration").strip();
                double duration = durationText.equals("n/a") ? Double.NaN : Double.parseDouble(durationText);
                String type = typeColumn == null ? null : row.get(typeColumn).strip();
                events.add(new BidsEvent(onset, duration, type == null || type.equals("n/a") ? null : type));
            } catch (NumberFormatException e) {
                refused++;
                if (firstRefused == null) {
                    firstRefused = "line " + line + " (onset " + quote(row.get("onset")) + ", duration "
                            + quote(row.get("duration")) + ")";
                }
            }
        }
        if (refused > 0) {
            problems.add(shown(file) + ": " + refused + " row(s) with an onset or duration that is not a number"
                    + " (seconds; duration may be n/a) are left out, the first at " + firstRefused);
        }
        return events;
    }

    // ---------------------------------------------------------------- files

    private RecordingHeader header(Path file, DataFormat format) {
        try {
            return HEADERS.get(format).describe(file, warning -> { });
        } catch (EegFormatException e) {
            String message = e.getMessage();
            String own = file.getFileName() + ": ";
            problems.add(shown(file) + ": " + (message.startsWith(own) ? message.substring(own.length()) : message));
        } catch (RuntimeException e) {
            problems.add(shown(file) + " cannot be read (" + e + ")");
        }
        return null;
    }

    private record Tsv(List<String> columns, List<Map<String, String>> rows) {
    }

    private Tsv tsv(Path file, List<String> required) {
        return tsv(file, required, problems);
    }

    /** A BIDS table: tab separated, a header line; rows with a wrong number of fields are a problem. */
    private Tsv tsv(Path file, List<String> required, List<String> problems) {
        String text = text(file, problems);
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            problems.add(shown(file) + " is empty: a BIDS table has a header line naming its columns");
            return null;
        }
        List<String> columns = List.of(lines[0].strip().split("\t", -1));
        List<String> missing = required.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            problems.add(shown(file) + " has no " + String.join(", ", missing) + " column (its columns: "
                    + quote(String.join(", ", columns)) + "; BIDS tables are separated by tabs): left out");
            return null;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int wrong = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split("\t", -1);
            if (fields.length != columns.size()) {
                wrong++;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < fields.length; c++) {
                row.put(columns.get(c), fields[c]);
            }
            rows.add(row);
        }
        if (wrong > 0) {
            problems.add(shown(file) + ": " + wrong + " row(s) have not " + columns.size() + " tab-separated fields"
                    + " and are left out");
        }
        return new Tsv(columns, rows);
    }

    private JsonObject json(Path file, List<String> problems) {
        String text = text(file, problems);
        if (text == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonStructure value = reader.read();
            if (value instanceof JsonObject object) {
                return object;
            }
            problems.add(shown(file) + " is not a JSON object: left out");
        } catch (JsonException | IllegalStateException e) {
            problems.add(shown(file) + " is not valid JSON (" + quote(e.getMessage()) + "): left out");
        }
        return null;
    }

    private String text(Path file, List<String> problems) {
        try {
            long size = Files.size(file);
            if (size > MAX_SIDECAR_BYTES) {
                problems.add(shown(file) + " is " + size + " bytes, too large for a sidecar: left out");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.add(shown(file) + " is not UTF-8 text, as BIDS requires: left out");
        } catch (IOException e) {
            problems.add(shown(file) + " cannot be read (" + e.getClass().getSimpleName() + "): left out");
        }
        return null;
    }

    private static String string(JsonObject json, String key) {
        return json.get(key) instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    private String relative(Path file) {
        return prefix + root.relativize(file).toString().replace('\\', '/');
    }

    /** A path as the user names it, safe to show (control characters replaced). */
    private String shown(Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        String path = rel.isEmpty() ? (prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1))
                : prefix + rel;
        return safe(path);
    }

    private static String quote(String text) {
        return text == null ? "null" : "'" + safe(text) + "'";
    }

    private static String safe(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 300));
        text.codePoints().limit(300).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 300 ? out + "..." : out.toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
