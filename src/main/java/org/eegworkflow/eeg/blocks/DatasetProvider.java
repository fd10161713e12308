package org.eegworkflow.eeg.blocks;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eegworkflow.eeg.bids.BidsDataset;
import org.eegworkflow.eeg.bids.BidsEvent;
import org.eegworkflow.eeg.bids.BidsLayout;
import org.eegworkflow.eeg.bids.BidsRecording;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EeglabReader;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Types;

/**
 * Reads every recording of a dataset folder (EEG-BIDS, or a plain folder of recordings) as a collection, one element
 * per recording keyed by its BIDS entities: the blocks it feeds run once per recording. Events come from the
 * recording's {@code _events.tsv} ({@code trial_type}) where it has one, so {@code EpochExtraction} takes names such
 * as {@code face}; a recording that cannot be read fails only itself (and its own chain downstream).
 */
@BlockType(name = "DatasetProvider", family = "DataProvider", memoryMb = 128,
        description = "Reads every recording of a dataset folder (BIDS or plain): the blocks after it run once per"
                + " recording.")
public class DatasetProvider {

    @BlockProperty(name = "Dataset Folder", type = Types.FILE,
            description = "A folder of your data files: a BIDS dataset (sub-*/[ses-*/]eeg/...) or recordings.")
    Path folder;

    @BlockProperty(name = "Task", type = Types.STRING, defaultValue = "",
            description = "Only this task (the task- entity); empty: every task.")
    String task = "";

    @BlockProperty(name = "Subjects", type = Types.STRING, defaultValue = "",
            description = "Only these subjects, comma-separated (01, 02 or sub-01); empty: all.")
    String subjects = "";

    @BlockProperty(name = "Sessions", type = Types.STRING, defaultValue = "",
            description = "Only these sessions, comma-separated; empty: all.")
    String sessions = "";

    @BlockProperty(name = "Runs", type = Types.STRING, defaultValue = "",
            description = "Only these runs, comma-separated; empty: all.")
    String runs = "";

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA, collection = true,
            description = "One recording per element, all channels, in volts, keyed by its BIDS entities.")
    Elements<EegData> output;

    @BlockExecute
    public String execute(BlockContext context) {
        if (folder == null) {
            throw new IllegalArgumentException("property 'Dataset Folder' is empty: pick a folder of your data files");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("property 'Dataset Folder': " + folder.getFileName()
                    + " is a file, not a folder: pick the dataset's folder");
        }
        BidsDataset dataset = BidsLayout.read(folder);
        dataset.problems().forEach(problem -> context.log("problem: " + problem));
        List<BidsRecording> picked = new ArrayList<>();
        for (BidsRecording recording : dataset.recordings()) {
            if (matches(task, recording.task()) && matches(subjects, recording.subject())
                    && matches(sessions, recording.session()) && matches(runs, recording.run())) {
                picked.add(recording);
            }
        }
        if (picked.isEmpty()) {
            throw new IllegalArgumentException(dataset.recordings().isEmpty()
                    ? "the folder " + folder.getFileName() + " has no recording (.vhdr, .edf, .bdf or .set)"
                    + (dataset.problems().isEmpty() ? "" : ": " + String.join("; ", dataset.problems()))
                    : "no recording of " + folder.getFileName() + " matches" + selection() + "; it has "
                    + available(dataset));
        }
        Elements.Builder<EegData> collection = Elements.builder();
        // the recordings are read side by side (each reader streams through a small buffer into its samples file, so
        // the heap holds a buffer per reader, not recordings); the collection keeps the dataset's order
        Path root = folder.toAbsolutePath().normalize();
        Object[] made = new Object[picked.size()];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, picked.size()).parallel().forEach(i -> {
            if (context.isCancelled()) {
                return;
            }
            BidsRecording recording = picked.get(i);
            try {
                EegData data = read(recording, context);
                if (recording.events() != null) {
                    data = withEvents(data, recording.events());
                }
                made[i] = data;
            } catch (UncheckedIOException | IllegalArgumentException e) {
                // EegFormatException included: a damaged or missing recording fails its element only
                made[i] = "cannot read " + recording.path() + ": " + e.getMessage();
            }
            context.progress((double) done.incrementAndGet() / picked.size());
        });
        if (context.isCancelled()) {
            throw new java.util.concurrent.CancellationException("stopped while reading the dataset");
        }
        int unreadable = 0;
        for (int i = 0; i < picked.size(); i++) {
            BidsRecording recording = picked.get(i);
            String key = key(recording);
            Map<String, String> entities = entities(recording);
            if (made[i] instanceof EegData data) {
                if (!recording.badChannels().isEmpty()) {
                    context.log(key + ": bad channels " + String.join(", ", recording.badChannels())
                            + " (from _channels.tsv)");
                }
                collection.add(key, entities, data, fingerprint(root, recording));
            } else {
                unreadable++;
                collection.fail(key, entities, (String) made[i]);
            }
        }
        output = collection.build();
        return picked.size() + " recording" + (picked.size() == 1 ? "" : "s") + " of " + folder.getFileName()
                + (dataset.bids() ? " (BIDS)" : "") + (unreadable == 0 ? "" : ", " + unreadable + " could not be read");
    }

    /**
     * What the element was made from, cheaply: the name, size and time of each of its own files (the recording, its
     * data file and sidecars: the files of its folder named by its entities) and of the files in the folders above it
     * (inherited sidecars, participants.tsv). The result cache keys the element by it, so that changing one
     * subject's events.tsv makes only that subject's chain run again.
     */
    static String fingerprint(Path root, BidsRecording recording) {
        String key = key(recording);
        java.util.TreeMap<String, String> files = new java.util.TreeMap<>();
        try {
            Path dir = recording.file().getParent();
            try (var own = Files.list(dir)) {
                own.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(key))
                        .forEach(f -> files.put(root.relativize(f).toString(), stamp(f)));
            }
            for (Path up = dir.getParent(); up != null && up.startsWith(root); up = up.getParent()) {
                try (var above = Files.list(up)) {
                    above.filter(Files::isRegularFile).forEach(f -> files.put(root.relativize(f).toString(), stamp(f)));
                }
            }
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            files.forEach((name, stamp) -> sha.update((name + '\t' + stamp + '\n')
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            // no fingerprint: the element is keyed by the whole folder's content, so it runs when anything changed
            return null;
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    private static EegData read(BidsRecording recording, BlockContext context) {
        Path file = recording.file();
        return switch (recording.format()) {
            case BRAINVISION -> BrainVisionReader.read(file, context::log, context::newSamples);
            case EDF, BDF -> EdfReader.read(file, context::log, context::newSamples);
            case EEGLAB -> EeglabReader.read(file, context::log, context::newSamples);
        };
    }

    /** The recording with the events of its {@code _events.tsv} as its annotations (rows without a type left out). */
    static EegData withEvents(EegData data, List<BidsEvent> events) {
        List<Annotation> annotations = new ArrayList<>();
        for (BidsEvent event : events) {
            if (event.type() != null && Double.isFinite(event.onset())) {
                annotations.add(new Annotation(event.onset(),
                        Double.isFinite(event.duration()) ? event.duration() : 0, event.type()));
            }
        }
        return new EegData(data.source(), RecordingFormat.BIDS, data.samplingRate(), data.channelNames(),
                data.channelKinds(), data.samples(), annotations, data.info());
    }

    /** The recording's name without its suffix and extension: {@code sub-01_ses-1_task-faces_run-1}. */
    static String key(BidsRecording recording) {
        String name = recording.file().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.endsWith("_eeg") ? stem.substring(0, stem.length() - 4) : stem;
    }

    private static Map<String, String> entities(BidsRecording recording) {
        Map<String, String> entities = new LinkedHashMap<>();
        put(entities, "subject", recording.subject());
        put(entities, "session", recording.session());
        put(entities, "task", recording.task());
        put(entities, "run", recording.run());
        return entities;
    }

    private static void put(Map<String, String> entities, String name, String value) {
        if (value != null) {
            entities.put(name, value);
        }
    }

    /** Whether a comma-separated filter (empty: anything) names this value, with or without its entity prefix. */
    static boolean matches(String filter, String value) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String wanted : filter.split(",")) {
            String name = wanted.trim().replaceFirst("^(sub|ses|task|run)-", "");
            if (!name.isEmpty() && name.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private String selection() {
        StringBuilder text = new StringBuilder();
        if (!task.isBlank()) {
            text.append(" task ").append(task.trim());
        }
        if (!subjects.isBlank()) {
            text.append(" subjects ").append(subjects.trim());
        }
        if (!sessions.isBlank()) {
            text.append(" sessions ").append(sessions.trim());
        }
        if (!runs.isBlank()) {
            text.append(" runs ").append(runs.trim());
        }
        return text.toString();
    }

    private static String available(BidsDataset dataset) {
        Set<String> subjects = new TreeSet<>();
        Set<String> tasks = new TreeSet<>();
        dataset.recordings().forEach(r -> {
            if (r.subject() != null) {
                subjects.add(r.subject());
            }
            if (r.task() != null) {
                tasks.add(r.task());
            }
        });
        return "subjects " + String.join(", ", subjects) + (tasks.isEmpty() ? "" : ", tasks " + String.join(", ",
                tasks));
    }
}
