package org.eegworkflow.it;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.json.JsonObject;

import org.eegworkflow.eeg.blocks.EegTypes;
import org.eegworkflow.eeg.bids.StudyDataset;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ERP workflow of issue 19 on the server, over the 20-subject synthetic study with eye blinks and 50 Hz line
 * noise ({@link StudyDataset#ARTEFACTS}): DatasetProvider -> Notch 50 Hz -> Filter 1-40 Hz -> Rereference (Fz) ->
 * EpochExtraction -> RejectEpochs -> EpochAveraging face / house -> Contrast -> GrandAverage and GroupStatistics
 * (one-sample t over subjects, Bonferroni: every test of 12 channels x 126 times at
 * once, so that a single false positive anywhere is unlikely). The face component was injected at Pz, P3, P4 and Cz around 300 ms, nothing
 * after house: the test finds the contrast significant there and only there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErpStudyIT {
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @ArquillianResource
    URL base;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    static String workflow(String folder) {
        String m = EegTypes.MODULE;
        String blocks = """
                {"id": 1, "type": "DatasetProvider", "module": "%1$s", "values": {"Dataset Folder": "%2$s"}},
                {"id": 2, "type": "Notch", "module": "%1$s", "values": {"Frequencies": "50"}},
                {"id": 3, "type": "Filter", "module": "%1$s",
                 "values": {"Low Cutoff Frequency": "1", "High Cutoff Frequency": "40"}},
                {"id": 4, "type": "Rereference", "module": "%1$s", "values": {"Reference": "Fz"}},
                {"id": 5, "type": "EpochExtraction", "module": "%1$s"},
                {"id": 6, "type": "RejectEpochs", "module": "%1$s", "values": {"Reject (µV)": "120"}},
                {"id": 7, "type": "EpochAveraging", "module": "%1$s", "values": {"Condition": "face"}},
                {"id": 8, "type": "EpochAveraging", "module": "%1$s", "values": {"Condition": "house"}},
                {"id": 9, "type": "Contrast", "module": "%1$s"},
                {"id": 10, "type": "GrandAverage", "module": "%1$s"},
                {"id": 11, "type": "GroupStatistics", "module": "%1$s",
                 "values": {"Window Start": "0", "Window End": "0.5", "Correction": "bonferroni"}}""".formatted(m, folder);
        int[][] edges = {{1, 2, 0}, {2, 3, 0}, {3, 4, 0}, {4, 5, 0}, {5, 6, 1}, {6, 7, 1}, {6, 8, 1}};
        StringBuilder e = new StringBuilder();
        int id = 0;
        for (int[] edge : edges) {
            String port = edge[2] == 0 ? "EEGData" : "Epochs";
            e.append(id == 0 ? "" : ",\n").append("""
                    {"id": %d, "block1": %d, "connector1": ["%s", "output"], "block2": %d,
                     "connector2": ["%s", "input"]}""".formatted(++id, edge[0], port, edge[1], port));
        }
        e.append(",\n").append("""
                {"id": %d, "block1": 7, "connector1": ["Epochs", "output"], "block2": 9, "connector2": ["A", "input"]},
                {"id": %d, "block1": 8, "connector1": ["Epochs", "output"], "block2": 9, "connector2": ["B", "input"]},
                {"id": %d, "block1": 9, "connector1": ["Epochs", "output"], "block2": 10,
                 "connector2": ["Epochs", "input"]},
                {"id": %d, "block1": 9, "connector1": ["Epochs", "output"], "block2": 11,
                 "connector2": ["Epochs", "input"]}""".formatted(id + 1, id + 2, id + 3, id + 4));
        return "{\"blocks\": [" + blocks + "], \"edges\": [" + e + "]}";
    }

    @Test
    void theContrastIsSignificantWhereTheComponentWasInjectedAndNowhereElse() throws IOException {
        StudyDataset.write(dir.resolve("study"), StudyDataset.SUBJECTS, true);
        ApiClient client = ApiClient.newUser(base);
        ApiClient.Reply upload = client.uploadFiles("api/files", Map.of("study.zip", StudyDataset.zip(
                dir.resolve("study"))), Map.of("folder", "studies", "unpack", "true"));
        assertEquals(201, upload.status(), upload.body());
        long start = System.nanoTime();
        JsonObject details = client.awaitJob(client.schedule(workflow("studies/study")), DEADLINE);
        System.out.printf("ERP STUDY on %s: %s in %d ms%n", Deployments.server(), details.getString("status"),
                (System.nanoTime() - start) / 1_000_000);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertTrue(blocks.get(10).getJsonObject("output").getString("value").startsWith("grand average of 20"
                + " subjects"), blocks.get(10).toString());

        String name = blocks.get(11).getJsonObject("output").getJsonObject("value").getString("filename");
        var csv = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/" + name);
        assertEquals(200, csv.statusCode());
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertEquals("channel,time_s,mean,t,p,p_corrected,significant", lines.get(0));
        Set<String> channels = new TreeSet<>();
        List<String> negative = new java.util.ArrayList<>();
        Map<String, double[]> span = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (!cells[6].equals("true")) {
                continue;
            }
            double t = Double.parseDouble(cells[1]);
            channels.add(cells[0]);
            span.merge(cells[0], new double[] {t, t}, (a, b) -> new double[] {Math.min(a[0], b[0]),
                Math.max(a[1], b[1])});
            if (Double.parseDouble(cells[3]) <= 0) {
                negative.add(line);
            }
        }
        System.out.println("ERP STUDY significant (Bonferroni 0.05): " + span.entrySet().stream()
                .map(x -> x.getKey() + " " + x.getValue()[0] + "-" + x.getValue()[1] + " s").toList());
        assertEquals(List.of(), negative, "face > house wherever significant");
        assertTrue(channels.containsAll(List.of("Pz", "P3", "P4")), channels.toString());
        assertTrue(StudyDataset.COMPONENT.keySet().containsAll(channels), "significant only where injected: "
                + channels);
        for (double[] s : span.values()) {
            assertTrue(s[0] >= StudyDataset.PEAK - 0.2 && s[1] <= StudyDataset.PEAK + 0.2,
                    "significant only around the injected peak: " + span);
        }
    }
}
