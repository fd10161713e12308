package org.eegworkflow.eeg.blocks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eegworkflow.eeg.bids.BidsDataset;
import org.eegworkflow.eeg.bids.BidsFixtures;
import org.eegworkflow.eeg.bids.BidsLayout;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * BIDSDerivatives: a study's recordings written into derivatives/<name>/ read back as they were written (float32
 * µV), named by the source entities plus desc-, with dataset_description.json saying what made them; the dataset with
 * its derivatives passes the BIDS validator (npm bids-validator 1.15, installed by the build into
 * target/bids-validator).
 */
class BIDSDerivativesTest {
    private static final List<String> CHANNELS = List.of("Fz", "Cz", "Pz");
    private static final Path VALIDATOR = Path.of("target/bids-validator/node_modules/.bin/bids-validator");

    @TempDir
    Path dir;

    private final BlockContext context = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return dir;
        }

        @Override
        public void log(String line) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public String jobId() {
            return "42";
        }
    };

    private Path dataset() throws IOException {
        Path root = dir.resolve("study");
        BidsFixtures.write(root.resolve("dataset_description.json"),
                "{\"Name\": \"test\", \"BIDSVersion\": \"1.8.0\", \"Authors\": [\"A. Researcher\"]}");
        BidsFixtures.write(root.resolve("README"), "A study written by the tests.\n");
        BidsFixtures.write(root.resolve("participants.tsv"), "participant_id\tage\nsub-01\t30\nsub-02\t31\n");
        BidsFixtures.write(root.resolve("task-faces_eeg.json"), "{\"TaskName\": \"faces\", \"SamplingFrequency\": 100,"
                + " \"EEGReference\": \"Cz\", \"PowerLineFrequency\": 50, \"SoftwareFilters\": \"n/a\"}");
        for (String subject : List.of("01", "02")) {
            Path eeg = root.resolve("sub-" + subject).resolve("eeg");
            BidsFixtures.brainVision(eeg, "sub-" + subject + "_task-faces_eeg", CHANNELS, 100, 500, List.of());
            BidsFixtures.tsv(eeg.resolve("sub-" + subject + "_task-faces_events.tsv"), "onset\tduration\ttrial_type",
                    "1.0\t0.5\tface", "2.5\t0\thouse");
            BidsFixtures.tsv(eeg.resolve("sub-" + subject + "_task-faces_channels.tsv"), "name\ttype\tunits",
                    "Fz\tEEG\tuV", "Cz\tEEG\tuV", "Pz\tEEG\tuV");
        }
        return root;
    }

    private Path derive(Path root) {
        DatasetProvider provider = new DatasetProvider();
        provider.folder = root;
        provider.execute(context);
        BIDSDerivatives block = new BIDSDerivatives();
        block.recordings = provider.output;
        block.numbers = Elements.<Object>builder()
                .add("sub-01_task-faces", java.util.Map.of(), 1.5)
                .add("sub-02_task-faces", java.util.Map.of(), 2.5).build();
        block.dataset = root;
        assertEquals("wrote 2 recordings and desc-processed_values.tsv to derivatives/eegworkflow",
                block.execute(context));
        return root.resolve("derivatives/eegworkflow");
    }

    @Test
    void theRecordingsReadBackUnderTheSourceEntitiesPlusDesc() throws Exception {
        Path root = dataset();
        Path out = derive(root);
        Path vhdr = out.resolve("sub-02/eeg/sub-02_task-faces_desc-processed_eeg.vhdr");
        EegData back = BrainVisionReader.read(vhdr);
        EegData source = BrainVisionReader.read(root.resolve("sub-02/eeg/sub-02_task-faces_eeg.vhdr"));
        assertEquals(source.channelNames(), back.channelNames());
        assertEquals(source.sampleCount(), back.sampleCount());
        double[][] a = source.data();
        double[][] b = back.data();
        for (int c = 0; c < a.length; c++) {
            for (int t = 0; t < a[c].length; t++) {
                // float32 µV: 7 significant digits
                assertEquals(a[c][t], b[c][t], Math.abs(a[c][t]) * 1e-6 + 1e-12);
            }
        }
        String description = Files.readString(out.resolve("dataset_description.json"));
        assertTrue(description.contains("\"DatasetType\": \"derivative\"") || description.contains(
                "\"DatasetType\":\"derivative\""), description);
        assertTrue(description.contains("job 42"), description);
        assertEquals("onset\tduration\ttrial_type\n1\t0.5\tface\n2.5\t0\thouse\n",
                Files.readString(out.resolve("sub-02/eeg/sub-02_task-faces_desc-processed_events.tsv")));
        assertEquals("recording\tvalue\nsub-01_task-faces\t1.5\nsub-02_task-faces\t2.5\n",
                Files.readString(out.resolve("desc-processed_values.tsv")));
        BidsDataset reread = BidsLayout.read(out);
        assertEquals(2, reread.recordings().size(), reread.problems().toString());
    }

    @Test
    void theDatasetAndItsDerivativesPassTheBidsValidator() throws Exception {
        assumeFalse(!Files.isExecutable(VALIDATOR) && Boolean.getBoolean("bids.validator.optional"),
                "bids-validator is installed by the build (npm), skipped with -Dfrontend.skip");
        assertTrue(Files.isExecutable(VALIDATOR), VALIDATOR + " is missing: the build installs it (npm)");
        Path root = dataset();
        Path out = derive(root);
        // the whole dataset, derivatives/ included; bids-validator 1.x (the one on npm) checks derivatives/ only for
        // what the raw rules say of it, so the derivatives' own names are checked by reading them back above
        validate(root);
        assertTrue(Files.isRegularFile(out.resolve("dataset_description.json")));
    }

    private static void validate(Path dataset) throws Exception {
        Process validator = new ProcessBuilder(VALIDATOR.toAbsolutePath().toString(), dataset.toString(),
                "--json", "--ignoreNiftiHeaders").redirectErrorStream(false).start();
        byte[] out = validator.getInputStream().readAllBytes();
        String err = new String(validator.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(validator.waitFor(120, TimeUnit.SECONDS), "the validator did not end");
        String json = new String(out, StandardCharsets.UTF_8);
        int errors = json.indexOf("\"errors\":[]");
        if (errors < 0 && System.getProperty("keep.failed") != null) {
            Path keep = Path.of(System.getProperty("keep.failed"));
            try (var files = Files.walk(dataset)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = keep.resolve(dataset.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        assertTrue(errors >= 0, "the BIDS validator found errors in " + dataset + ":\n" + json + "\n" + err);
    }
}
