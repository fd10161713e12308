package org.eegworkflow.eeg.blocks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.bids.BidsFixtures;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DatasetProvider over a BIDS dataset written by the test: one element per recording keyed by its entities, events
 * from _events.tsv, the selection properties, and a recording that cannot be read failing only its element.
 */
class DatasetProviderTest {
    private static final List<String> CHANNELS = List.of("Fz", "Cz", "Pz");

    @TempDir
    Path dir;

    private final StringBuilder log = new StringBuilder();

    private final BlockContext context = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return dir;
        }

        @Override
        public void log(String line) {
            log.append(line).append('\n');
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private Path dataset() throws Exception {
        Path root = dir.resolve("study");
        BidsFixtures.write(root.resolve("dataset_description.json"), "{\"Name\": \"test\", \"BIDSVersion\": \"1.8.0\"}");
        BidsFixtures.write(root.resolve("task-faces_eeg.json"), "{\"SamplingFrequency\": 100, \"PowerLineFrequency\": 50}");
        for (String subject : List.of("01", "02", "03")) {
            Path eeg = root.resolve("sub-" + subject).resolve("eeg");
            BidsFixtures.brainVision(eeg, "sub-" + subject + "_task-faces_eeg", CHANNELS, 100, 500, List.of());
            BidsFixtures.tsv(eeg.resolve("sub-" + subject + "_task-faces_events.tsv"), "onset\tduration\ttrial_type",
                    "1.0\t0.5\tface", "2.5\tn/a\thouse", "3.0\t0\tface");
            BidsFixtures.tsv(eeg.resolve("sub-" + subject + "_task-faces_channels.tsv"), "name\ttype\tunits\tstatus",
                    "Fz\tEEG\tuV\tgood", "Cz\tEEG\tuV\t" + (subject.equals("02") ? "bad" : "good"),
                    "Pz\tEEG\tuV\tgood");
        }
        return root;
    }

    private Elements<EegData> run(Path folder, String subjects) {
        DatasetProvider block = new DatasetProvider();
        block.folder = folder;
        block.subjects = subjects;
        String shown = block.execute(context);
        log.append(shown).append('\n');
        return block.output;
    }

    @Test
    void oneElementPerRecordingWithItsEntitiesAndItsBidsEvents() throws Exception {
        Elements<EegData> recordings = run(dataset(), "");
        assertEquals(List.of("sub-01_task-faces", "sub-02_task-faces", "sub-03_task-faces"), recordings.keys());
        Elements.Element<EegData> first = recordings.list().get(0);
        assertEquals(Map.of("subject", "01", "task", "faces"), first.entities());
        EegData data = first.value();
        assertEquals(RecordingFormat.BIDS, data.format());
        assertEquals(List.of("face", "house", "face"), data.annotations().stream().map(a -> a.description()).toList());
        assertEquals(1.0, data.annotations().get(0).onset());
        assertEquals(500, data.sampleCount());
        assertEquals(CHANNELS, data.channelNames());
        assertTrue(log.toString().contains("sub-02_task-faces: bad channels Cz (from _channels.tsv)"), log.toString());
        assertTrue(log.toString().contains("3 recordings of study (BIDS)"), log.toString());
    }

    @Test
    void theSelectionPicksSubjectsWithOrWithoutTheirPrefix() throws Exception {
        Path folder = dataset();
        assertEquals(List.of("sub-01_task-faces", "sub-03_task-faces"), run(folder, "01, sub-03").keys());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> run(folder, "09"));
        assertEquals("no recording of study matches subjects 09; it has subjects 01, 02, 03, tasks faces",
                none.getMessage());
    }

    @Test
    void aRecordingThatCannotBeReadFailsOnlyItsElement() throws Exception {
        Path folder = dataset();
        Files.delete(folder.resolve("sub-02/eeg/sub-02_task-faces_eeg.eeg"));
        Elements<EegData> recordings = run(folder, "");
        assertEquals(List.of("sub-01_task-faces", "sub-03_task-faces"), recordings.keys());
        assertEquals(1, recordings.failures().size());
        Elements.Failure failure = recordings.failures().get(0);
        assertEquals("sub-02_task-faces", failure.key());
        assertTrue(failure.reason().startsWith("cannot read sub-02/eeg/sub-02_task-faces_eeg.vhdr: "),
                failure.reason());
    }

    @Test
    void eachElementIsFingerprintedByItsOwnFilesSoOneSubjectsChangeTouchesOnlyIt() throws Exception {
        Path folder = dataset();
        Elements<EegData> before = run(folder, "");
        Path events = folder.resolve("sub-02/eeg/sub-02_task-faces_events.tsv");
        BidsFixtures.tsv(events, "onset\tduration\ttrial_type", "1.0\t0.5\tface", "2.0\t0\thouse");
        java.nio.file.Files.setLastModifiedTime(events, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 5000));
        Elements<EegData> after = run(folder, "");
        assertEquals(before.get("sub-01_task-faces").fingerprint(), after.get("sub-01_task-faces").fingerprint());
        assertEquals(before.get("sub-03_task-faces").fingerprint(), after.get("sub-03_task-faces").fingerprint());
        assertTrue(!before.get("sub-02_task-faces").fingerprint().equals(after.get("sub-02_task-faces").fingerprint()));
    }

    @Test
    void aFileIsNoDatasetFolder() throws Exception {
        Path folder = dataset();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> run(folder.resolve("dataset_description.json"), ""));
        assertEquals("property 'Dataset Folder': dataset_description.json is a file, not a folder: pick the"
                + " dataset's folder", refused.getMessage());
    }
}
