package org.eegworkflow.eeg.bids;

import static org.eegworkflow.eeg.bids.BidsFixtures.brainVision;
import static org.eegworkflow.eeg.bids.BidsFixtures.edf;
import static org.eegworkflow.eeg.bids.BidsFixtures.tsv;
import static org.eegworkflow.eeg.bids.BidsFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.RecordingHeader;
import org.eegworkflow.sdk.DatasetDescription;
import org.eegworkflow.sdk.RecordingDescription;

class BidsLayoutTest {
    private static final List<String> CHANNELS = List.of("Fz", "Cz", "Pz");

    @TempDir
    Path tmp;

    /** eeg_matchingpennies: sub-XX/eeg/ with BrainVision, task-level sidecars at the top, one subject overriding. */
    private Path matchingPennies() throws IOException {
        Path ds = tmp.resolve("matchingpennies");
        write(ds.resolve("dataset_description.json"), "{\"Name\": \"Matching Pennies\", \"BIDSVersion\": \"1.9.0\"}");
        tsv(ds.resolve("participants.tsv"), "participant_id|age", "sub-05|30", "sub-06|31");
        write(ds.resolve("task-matchingpennies_eeg.json"), "{\"TaskName\": \"matchingpennies\","
                + " \"SamplingFrequency\": 500, \"PowerLineFrequency\": 50, \"EEGReference\": \"FCz\"}");
        tsv(ds.resolve("task-matchingpennies_channels.tsv"), "name|type|units|status", "Fz|EEG|µV|good",
                "Cz|EEG|µV|good", "Pz|EEG|µV|bad");
        for (String sub : List.of("05", "06")) {
            Path eeg = ds.resolve("sub-" + sub).resolve("eeg");
            brainVision(eeg, "sub-" + sub + "_task-matchingpennies_eeg", CHANNELS, 500, 1000,
                    List.of(new BidsFixtures.Marker("Stimulus", "S  1", 100),
                            new BidsFixtures.Marker("Stimulus", "S  2", 300),
                            new BidsFixtures.Marker("Stimulus", "S  1", 600)));
            tsv(eeg.resolve("sub-" + sub + "_task-matchingpennies_events.tsv"), "onset|duration|trial_type|value",
                    "0.198|0|raised-left|1", "0.598|0|raised-right|2", "1.198|n/a|raised-left|1");
        }
        // sub-06 overrides a key of the top sidecar and the channels table
        write(ds.resolve("sub-06/eeg/sub-06_task-matchingpennies_eeg.json"), "{\"PowerLineFrequency\": 60}");
        tsv(ds.resolve("sub-06/eeg/sub-06_task-matchingpennies_channels.tsv"), "name|type|units|status",
                "Fz|EEG|µV|bad", "Cz|EEG|µV|bad", "Pz|EEG|µV|good");
        tsv(ds.resolve("sub-06/eeg/sub-06_task-matchingpennies_electrodes.tsv"), "name|x|y|z", "Fz|0|1|0");
        return ds;
    }

    @Test
    void readsMatchingPenniesWithInheritance() throws IOException {
        BidsDataset ds = BidsLayout.read(matchingPennies());
        assertTrue(ds.bids());
        assertEquals(List.of(), ds.problems());
        assertEquals("Matching Pennies", ds.name());
        assertEquals("1.9.0", ds.bidsVersion());
        assertEquals("30", ds.participants().get("sub-05").get("age"));
        assertEquals(2, ds.recordings().size());

        BidsRecording five = ds.recordings().get(0);
        assertEquals("sub-05/eeg/sub-05_task-matchingpennies_eeg.vhdr", five.path());
        assertEquals("05", five.subject());
        assertEquals("matchingpennies", five.task());
        assertNull(five.session());
        assertNull(five.run());
        assertEquals(DataFormat.BRAINVISION, five.format());
        assertEquals(3, five.header().channelCount());
        assertEquals(500, five.header().samplingRate(), 1e-9);
        assertEquals(2.0, five.header().durationSeconds(), 1e-9);
        assertEquals(List.of("Pz"), five.badChannels(), "the top channels.tsv applies");
        assertEquals(50, five.sidecar().getInt("PowerLineFrequency"));
        assertEquals(map("raised-left", 2, "raised-right", 1), five.eventCounts());
        assertTrue(Double.isNaN(five.events().get(2).duration()));
        assertNull(five.electrodes());

        BidsRecording six = ds.recordings().get(1);
        assertEquals(60, six.sidecar().getInt("PowerLineFrequency"), "the nearer json overrides its key");
        assertEquals(500, six.sidecar().getInt("SamplingFrequency"), "and the others are inherited");
        assertEquals("FCz", six.sidecar().getString("EEGReference"));
        assertEquals(List.of("Fz", "Cz"), six.badChannels(), "the nearest channels.tsv wins, whole");
        assertNotNull(six.electrodes());
    }

    /** eeg_cbm-like: sessions and runs, EDF, events inherited from the subject's folder, BDF too. */
    @Test
    void readsSessionsRunsAndEdf() throws IOException {
        Path ds = tmp.resolve("cbm");
        write(ds.resolve("dataset_description.json"), "{\"Name\": \"cbm\", \"BIDSVersion\": \"1.8.0\"}");
        for (int run = 1; run <= 2; run++) {
            edf(ds.resolve("sub-cbm001/ses-1/eeg/sub-cbm001_ses-1_task-protmap_run-" + run + "_eeg.edf"), false,
                    List.of("Fp1", "Fp2", "O1", "O2"), 256, 3 + run,
                    List.of(new BidsFixtures.Annotation(0.5, 0, "T1"), new BidsFixtures.Annotation(1.5, 0, "T2"),
                            new BidsFixtures.Annotation(2.5, 0, "T1")));
        }
        edf(ds.resolve("sub-cbm002/ses-2/eeg/sub-cbm002_ses-2_task-protmap_run-01_eeg.bdf"), true,
                List.of("A1", "A2"), 128, 2, List.of());
        // events at the subject level, for every run, with value and no trial_type
        tsv(ds.resolve("sub-cbm001/sub-cbm001_task-protmap_events.tsv"), "onset|duration|value", "0.5|0|10",
                "1.5|0|20");
        // a nearer one for run 2
        tsv(ds.resolve("sub-cbm001/ses-1/eeg/sub-cbm001_ses-1_task-protmap_run-2_events.tsv"),
                "onset|duration|trial_type", "0.5|0|go", "1.0|0|go", "2.0|0|stop");

        BidsDataset read = BidsLayout.read(ds);
        assertEquals(List.of(), read.problems());
        assertEquals(3, read.recordings().size());
        BidsRecording run1 = read.recordings().get(0);
        assertEquals("1", run1.session());
        assertEquals("1", run1.run());
        assertEquals(map("10", 1, "20", 1), run1.eventCounts(), "value counts where there is no trial_type");
        assertEquals(4.0, run1.header().durationSeconds(), 1e-9);
        assertEquals(256, run1.header().samplingRate(), 1e-9);
        BidsRecording run2 = read.recordings().get(1);
        assertEquals(map("go", 2, "stop", 1), run2.eventCounts());
        BidsRecording bdf = read.recordings().get(2);
        assertEquals(DataFormat.BDF, bdf.format());
        assertEquals("01", bdf.run(), "run labels kept as text");
        assertEquals("2", bdf.session());
        assertEquals(2, bdf.header().channelCount());
        assertEquals(Map.of(), bdf.eventCounts(), "no events.tsv and no annotations");
    }

    @Test
    void edfAnnotationsCountWithoutEventsTsv() throws IOException {
        Path ds = tmp.resolve("ann");
        write(ds.resolve("dataset_description.json"), "{\"Name\": \"a\", \"BIDSVersion\": \"1.8.0\"}");
        edf(ds.resolve("sub-1/eeg/sub-1_task-rest_eeg.edf"), false, List.of("C3", "C4"), 100, 3,
                List.of(new BidsFixtures.Annotation(0.5, 0, "T1"), new BidsFixtures.Annotation(1.5, 0, "T2"),
                        new BidsFixtures.Annotation(2.5, 0, "T1")));
        BidsRecording r = BidsLayout.read(ds).recordings().get(0);
        assertEquals(map("T1", 2, "T2", 1), r.eventCounts());
    }

    @Test
    void problemsAreListedNeverThrown() throws IOException {
        Path ds = tmp.resolve("bad");
        // no dataset_description.json
        Path eeg = ds.resolve("sub-01/eeg");
        brainVision(eeg, "sub-01_task-a_eeg", CHANNELS, 250, 500, List.of());
        Files.delete(eeg.resolve("sub-01_task-a_eeg.eeg"));
        write(eeg.resolve("sub-01_task-a_eeg.json"), "{\"SamplingFrequency\": 250,");
        tsv(eeg.resolve("sub-01_task-a_events.tsv"), "start|length|trial_type", "1|0|x");
        edf(eeg.resolve("sub-01_task-b_eeg.edf"), false, List.of("C3"), 100, 2, List.of());
        tsv(eeg.resolve("sub-01_task-b_events.tsv"), "onset|duration|trial_type", "0.5|0|go", "soon|0|go",
                "1.5|0|stop");
        tsv(eeg.resolve("sub-01_task-b_channels.tsv"), "name|type|status", "C3|EEG|good", "C4|EEG|bad");
        write(eeg.resolve("sub-01_task-gone_eeg.json"), "{}");
        // hostile and misplaced names
        edf(eeg.resolve("sub-01_task-a b_eeg.edf"), false, List.of("C3"), 100, 1, List.of());
        edf(eeg.resolve("sub-01_task-x\nevil_eeg.edf"), false, List.of("C3"), 100, 1, List.of());
        edf(eeg.resolve("sub-02_task-a_eeg.edf"), false, List.of("C3"), 100, 1, List.of());
        edf(ds.resolve("sub-01/sub-01_task-c_eeg.edf"), false, List.of("C3"), 100, 1, List.of());
        Files.createSymbolicLink(eeg.resolve("sub-01_task-link_eeg.edf"), Path.of("/etc/passwd"));
        write(eeg.resolve("sub-01_task-d_eeg.set"), "MATLAB 5.0 MAT-file");

        BidsDataset read = BidsLayout.read(ds, "my/bad");
        List<String> p = read.problems();
        String all = String.join("\n", p);
        assertTrue(p.get(0).startsWith("my/bad/dataset_description.json is missing"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-a_eeg.vhdr: the data file 'sub-01_task-a_eeg.eeg' named by"
                + " DataFile is missing"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-a_eeg.json is not valid JSON"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-a_events.tsv has no onset, duration column"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-b_events.tsv: 1 row(s) with an onset or duration that is not"
                + " a number"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-b_channels.tsv lists 2 channels"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-gone_eeg.json describes a recording that is missing"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-a b_eeg.edf is not a BIDS file name"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-x?evil_eeg.edf is not a BIDS file name"),
                "control characters are not shown: " + all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-02_task-a_eeg.edf names subject 02 but lies in sub-01"), all);
        assertTrue(has(p, "my/bad/sub-01/sub-01_task-c_eeg.edf is not where EEG-BIDS keeps recordings"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-link_eeg.edf is a symbolic link"), all);
        assertTrue(has(p, "my/bad/sub-01/eeg/sub-01_task-d_eeg.set: EEGLAB files are not read yet"), all);

        Map<String, BidsRecording> byPath = new LinkedHashMap<>();
        read.recordings().forEach(r -> byPath.put(r.path(), r));
        assertEquals(List.of("my/bad/sub-01/eeg/sub-01_task-a_eeg.vhdr", "my/bad/sub-01/eeg/sub-01_task-b_eeg.edf",
                "my/bad/sub-01/eeg/sub-01_task-d_eeg.set"), List.copyOf(byPath.keySet()));
        BidsRecording missing = byPath.get("my/bad/sub-01/eeg/sub-01_task-a_eeg.vhdr");
        assertNull(missing.header(), "listed, with what is known");
        assertEquals("a", missing.task());
        BidsRecording b = byPath.get("my/bad/sub-01/eeg/sub-01_task-b_eeg.edf");
        assertEquals(map("go", 1, "stop", 1), b.eventCounts());
        assertEquals(List.of("C4"), b.badChannels());
        assertEquals(DataFormat.EEGLAB, byPath.get("my/bad/sub-01/eeg/sub-01_task-d_eeg.set").format());
    }

    @Test
    void readsAPlainFolder() throws IOException {
        Path dir = tmp.resolve("plain");
        brainVision(dir, "alice", CHANNELS, 500, 250, List.of(new BidsFixtures.Marker("Stimulus", "S  1", 10)));
        edf(dir.resolve("bob.edf"), false, List.of("C3", "C4"), 100, 2, List.of());
        edf(dir.resolve("more/carol.BDF"), true, List.of("C3"), 64, 1, List.of());
        write(dir.resolve("notes.txt"), "not a recording");
        write(dir.resolve(".hidden.edf"), "skipped");

        BidsDataset read = BidsLayout.read(dir);
        assertFalse(read.bids());
        assertEquals(List.of(), read.problems());
        assertEquals(List.of("alice.vhdr", "bob.edf", "more/carol.BDF"),
                read.recordings().stream().map(BidsRecording::path).toList());
        assertEquals(List.of("alice", "bob", "carol"), read.recordings().stream().map(BidsRecording::subject).toList());
        assertEquals(map("New Segment/", 1, "Stimulus/S  1", 1), read.recordings().get(0).eventCounts(),
                "the markers as MNE names them");
        assertEquals(DataFormat.BDF, read.recordings().get(2).format());

        assertTrue(BidsLayout.read(Files.createDirectories(tmp.resolve("empty"))).problems().get(0)
                .startsWith("no recordings in this folder"));
    }

    /** The SDK's view: paths under the user's folder, labels, null where the header could not be read. */
    @Test
    void describesThroughTheSdk() throws IOException {
        DatasetDescription d = new BidsDatasetReader().describe(matchingPennies(), "studies/mp");
        assertEquals("BIDS", d.format());
        RecordingDescription r = d.recordings().get(1);
        assertEquals("studies/mp/sub-06/eeg/sub-06_task-matchingpennies_eeg.vhdr", r.path());
        assertEquals("06", r.subject());
        assertEquals("BrainVision", r.format());
        assertEquals(3, r.channels());
        assertEquals(500.0, r.samplingRate());
        assertEquals(2.0, r.durationSeconds());
        assertEquals(List.of("Fz", "Cz"), r.badChannels());
        assertEquals(List.of("raised-left", "raised-right"), List.copyOf(r.events().keySet()));
        assertEquals("files", new BidsDatasetReader().describe(tmp, "").format());
    }

    /** Header-only description equals what the full readers report, on the project's real recordings. */
    @Test
    void headersEqualTheFullReaders() {
        for (String name : List.of("brainvision-mne/test.vhdr", "brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr",
                "brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr")) {
            Path file = EegTestData.file(name);
            same(name, BrainVisionReader.read(file, w -> { }), BrainVisionReader.describe(file, w -> { }));
        }
        for (String name : List.of("edf-eegmmidb/S001R03.edf", "brainvision-eeguana/bv_export_edf+.edf")) {
            Path file = EegTestData.file(name);
            same(name, EdfReader.read(file, w -> { }), EdfReader.describe(file, w -> { }));
        }
    }

    private static void same(String name, EegData full, RecordingHeader header) {
        assertEquals(full.channelNames(), header.channelNames(), name);
        assertEquals(full.samplingRate(), header.samplingRate(), 0, name);
        assertEquals(full.sampleCount(), header.sampleCount(), name);
        assertEquals(full.sampleCount() / full.samplingRate(), header.durationSeconds(), 1e-12, name);
        assertEquals(full.annotations(), header.annotations(), name);
        assertFalse(header.annotationCounts().isEmpty(), name + " has markers");
    }

    private static boolean has(List<String> problems, String start) {
        return problems.stream().anyMatch(p -> p.startsWith(start));
    }

    private static Map<String, Integer> map(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
