package org.eegworkflow.it;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.eegworkflow.eeg.EegTestData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EEG module on a real server: a researcher's recording read, filtered, epoched, averaged, plotted, exported. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EegWorkflowIT {
    private static final String EEG = "EEG_Basil.zip:EEG_Basil";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    private static ApiClient userWithRecording(URL base) {
        ApiClient client = ApiClient.newUser(base);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            files.put(name, EegTestData.file("brainvision-mne/" + name));
        }
        ApiClient.Reply upload = client.uploadFiles("api/files", files, Map.of("folder", "mne"));
        assertEquals(201, upload.status(), upload.body());
        return client;
    }

    @Test
    void readFilterEpochAveragePlotAndExportMatchMne() throws IOException {
        ApiClient client = userWithRecording(base);
        String json = new WorkflowJson()
                .block(1, EEG, "OfflineDataProvider", Map.of("EEG File", "mne/test.vhdr"))
                .block(2, EEG, "Filter", Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"))
                .block(3, EEG, "EpochExtraction", Map.of("PreStimulus onset", "-0.2", "PostStimulus onset", "0.5",
                        "Baseline Correction Start Time", "None", "Baseline Correction End Time", "0",
                        "Event Id", "None"))
                .block(4, EEG, "EpochAveraging", Map.of())
                .block(5, EEG, "EpochPlot", Map.of())
                .block(6, EEG, "Export", Map.of("File name", "evoked"))
                .block(7, EEG, "EventAndIds", Map.of())
                .edge(1, "EEGData", 2, "EEGData")
                .edge(2, "EEGData", 3, "EEGData")
                .edge(3, "Epochs", 4, "Epochs")
                .edge(4, "Epochs", 5, "Epochs")
                .edge(4, "Epochs", 6, "Epochs")
                .edge(1, "EEGData", 7, "EEGData")
                .json();
        JsonObject details = client.awaitJob(client.schedule(json), Duration.ofSeconds(180), Duration.ofMillis(500));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertEquals("COMPLETED", details.getString("status"), details.toString());

        assertTrue(text(blocks.get(1)).contains("32 channels (26 EEG, 6 misc), 7900 samples at 1000 Hz"),
                text(blocks.get(1)));
        assertTrue(text(blocks.get(2)).contains("3301 taps"), text(blocks.get(2)));
        assertTrue(text(blocks.get(3)).startsWith("11 epochs x 32 channels x 701 samples"), text(blocks.get(3)));
        assertTrue(text(blocks.get(7)).contains("Stimulus/S253: 253 (2 events)"), text(blocks.get(7)));

        JsonObject plot = blocks.get(5).getJsonObject("output");
        assertEquals("GRAPH", plot.getString("type"));
        byte[] png = download(client, details, plot);
        assertArrayEquals(PNG, Arrays.copyOf(png, 4));
        assertTrue(png.length > 10_000, "a real chart, not an empty image: " + png.length + " bytes");

        JsonObject export = blocks.get(6).getJsonObject("output");
        assertEquals("TABLE", export.getString("type"));
        String csv = new String(download(client, details, export), StandardCharsets.UTF_8);
        assertEvokedMatchesReference(csv, EegTestData.file("reference/mne_test_evoked.csv"));
    }

    @Test
    void aClassifierTrainedOnOneRunIsSavedUploadedAndPredictsAnother() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        Map<String, Path> runs = new LinkedHashMap<>();
        for (String name : List.of("S001R03.edf", "S001R04.edf")) {
            runs.put(name, EegTestData.file("edf-eegmmidb/" + name));
        }
        assertEquals(201, client.uploadFiles("api/files", runs, Map.of("folder", "physionet")).status());
        JsonObject trained = client.awaitJob(client.schedule(motorPipeline("physionet/S001R03.edf")
                .block(7, EEG, "LinearClassifier", Map.of("Algorithm", "LOGISTIC_REGRESSION", "Folds", "3"))
                .block(8, EEG, "SaveModel", Map.of("File name", "fists.bin"))
                .edge(6, "FeatureVector", 7, "FeatureVector")
                .edge(7, "Model", 8, "Model")
                .json()), Duration.ofSeconds(300), Duration.ofMillis(500));
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(trained);
        assertTrue(text(blocks.get(6)).startsWith("2 classes: T1 (8), T2 (7)"), text(blocks.get(6)));
        JsonObject confusion = blocks.get(7).getJsonObject("output");
        assertEquals("TABLE", confusion.getString("type"));
        String table = new String(download(client, trained, confusion), StandardCharsets.UTF_8);
        assertTrue(table.contains("T1") && table.contains("T2") && table.toLowerCase().contains("accuracy"), table);
        assertTrue(blocks.get(7).getString("stdout").contains("accuracy"), blocks.get(7).getString("stdout"));

        JsonObject saved = blocks.get(8).getJsonObject("output");
        assertEquals("FILE", saved.getString("type"));
        Path model = Files.write(Files.createTempFile("fists", ".bin"), download(client, trained, saved));
        assertEquals(201, client.uploadFiles("api/files", Map.of("fists.bin", model), Map.of("folder", "models"))
                .status());
        JsonObject predicted = client.awaitJob(client.schedule(motorPipeline("physionet/S001R04.edf")
                .block(7, EEG, "Predict", Map.of("Model File", "models/fists.bin"))
                .edge(6, "FeatureVector", 7, "FeatureVector")
                .json()), Duration.ofSeconds(300), Duration.ofMillis(500));
        assertEquals("COMPLETED", predicted.getString("status"), predicted.toString());
        String predictions = new String(download(client, predicted,
                ApiClient.blocks(predicted).get(7).getJsonObject("output")), StandardCharsets.UTF_8);
        List<String> lines = predictions.lines().toList();
        assertEquals(17, lines.size(), "a header, one row per epoch of run 4 and the accuracy: " + predictions);
        assertTrue(lines.get(16).startsWith("accuracy,"), predictions);
    }

    /** Left against right fist: motor rhythms (8-30 Hz) over 0-4 s after each cue, Haar wavelet features. */
    private static WorkflowJson motorPipeline(String file) {
        return new WorkflowJson()
                .block(1, EEG, "EDFDataProvider", Map.of("EDF File", file))
                .block(2, EEG, "Filter", Map.of("Low Cutoff Frequency", "8", "High Cutoff Frequency", "30"))
                .block(3, EEG, "EpochExtraction", Map.of("PreStimulus onset", "0", "PostStimulus onset", "4",
                        "Baseline Correction", "false", "Event Id", "T1, T2"))
                .block(5, EEG, "WaveletTransform", Map.of())
                .block(6, EEG, "FeatureLabeling", Map.of("Labels", "T1, T2"))
                .edge(1, "EEGData", 2, "EEGData")
                .edge(2, "EEGData", 3, "EEGData")
                .edge(3, "Epochs", 5, "Epochs")
                .edge(5, "FeatureVector", 6, "FeatureVector");
    }

    @Test
    void aRestartResumesFromCheckpointedRecordingsWithoutReadingOrFilteringAgain() throws IOException {
        ApiClient client = userWithRecording(base);
        String json = new WorkflowJson()
                .block(1, EEG, "OfflineDataProvider", Map.of("EEG File", "mne/test.vhdr"))
                .block(2, EEG, "Filter", Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"))
                .test(3, "FlakyRecording", Map.of())
                .block(4, EEG, "EpochExtraction", Map.of())
                .block(5, EEG, "EpochAveraging", Map.of())
                .block(6, EEG, "Export", Map.of("File name", "evoked"))
                .edge(1, "EEGData", 2, "EEGData")
                .edge(2, "EEGData", 3, "EEGData")
                .edge(3, "EEGData", 4, "EEGData")
                .edge(4, "Epochs", 5, "Epochs")
                .edge(5, "Epochs", 6, "Epochs")
                .json();
        long jobId = client.schedule(json);
        JsonObject first = client.awaitJob(jobId, Duration.ofSeconds(120), Duration.ofMillis(500));
        assertEquals("FAILED", first.getString("status"), first.toString());

        assertEquals(200, client.postEmpty("api/workflow/jobs/" + jobId + "/restart").status());
        JsonObject second = client.awaitJob(jobId, Duration.ofSeconds(120), Duration.ofMillis(500));
        assertEquals("COMPLETED", second.getString("status"), second.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(second);
        assertEquals(1, blocks.get(1).getInt("attempt"), "the recording was not read again");
        assertEquals(1, blocks.get(2).getInt("attempt"), "nor filtered again: its output came from the checkpoint");
        assertEquals(2, blocks.get(3).getInt("attempt"));
        assertEquals(2, blocks.get(6).getInt("attempt"));
        String csv = new String(download(client, second, blocks.get(6).getJsonObject("output")),
                StandardCharsets.UTF_8);
        assertEvokedMatchesReference(csv, EegTestData.file("reference/mne_test_evoked.csv"));
    }

    @Test
    void aRecordingThatIsNotThereFailsTheBlockWithTheReason() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson()
                .block(1, EEG, "OfflineDataProvider", Map.of("EEG File", "missing/test.vhdr"))
                .block(2, EEG, "ChannelNames", Map.of())
                .edge(1, "EEGData", 2, "EEGData")
                .json();
        JsonObject details = client.awaitJob(client.schedule(json), Duration.ofSeconds(60));
        assertEquals("FAILED", details.getString("status"));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertTrue(blocks.get(1).getString("stderr").contains("missing/test.vhdr"), blocks.get(1).toString());
    }

    @Test
    void aWrongChannelNameIsNamedWithTheChannelsThereAre() {
        ApiClient client = userWithRecording(base);
        String json = new WorkflowJson()
                .block(1, EEG, "OfflineDataProvider", Map.of("EEG File", "mne/test.vhdr"))
                .block(2, EEG, "ChannelSelection", Map.of("Channels", "Cz, Oz"))
                .edge(1, "EEGData", 2, "EEGData")
                .json();
        JsonObject details = client.awaitJob(client.schedule(json), Duration.ofSeconds(60));
        assertEquals("FAILED", details.getString("status"));
        String error = ApiClient.blocks(details).get(2).getString("stderr");
        assertTrue(error.startsWith("property 'Channels': no channel named Oz in test.vhdr; its channels are FP1, FP2"),
                error);
    }

    private static String text(JsonObject block) {
        return block.getJsonObject("output").getString("value");
    }

    private static byte[] download(ApiClient client, JsonObject details, JsonObject output) {
        HttpResponse<byte[]> reply = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/"
                + output.getJsonObject("value").getString("filename"));
        assertEquals(200, reply.statusCode());
        return reply.body();
    }

    /** The exported average (µV, a time column first) against MNE's, within 1e-6 relative or 1e-9 µV. */
    static void assertEvokedMatchesReference(String csv, Path reference) throws IOException {
        List<String> expected = Files.readAllLines(reference);
        List<String> actual = csv.lines().toList();
        assertEquals(expected.size(), actual.size(), "rows");
        assertEquals("time (s)," + expected.get(0), actual.get(0), "header");
        for (int row = 1; row < expected.size(); row++) {
            String[] want = expected.get(row).split(",");
            String[] got = actual.get(row).split(",");
            assertEquals(want.length + 1, got.length, "columns in row " + row);
            for (int c = 0; c < want.length; c++) {
                double w = Double.parseDouble(want[c]);
                double g = Double.parseDouble(got[c + 1]);
                assertTrue(Math.abs(g - w) <= 1e-6 * Math.abs(w) + 1e-9, "row " + row + " column " + c + ": " + g
                        + " but MNE " + w);
            }
        }
    }
}
