package org.eegworkflow.it;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

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
 * A study on the server (issue 17): the 20-subject synthetic BIDS dataset uploaded as a zip, described by
 * {@code GET /api/datasets}, run through DatasetProvider -> Filter -> EpochExtraction -> EpochAveraging ->
 * GrandAverage -> Export per condition, the exported CSV against MNE 1.3's grand average; then one subject's file
 * broken (the job FAILED naming it), replaced, and the job restarted to COMPLETED.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StudyIT {
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @ArquillianResource
    URL base;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void theStudyIsDescribedRunAndEqualsMnesGrandAverage() throws IOException {
        List<StudyDataset.Subject> subjects = StudyDataset.write(dir.resolve("study"), StudyDataset.SUBJECTS);
        ApiClient client = ApiClient.newUser(base);
        ApiClient.Reply upload = client.uploadFiles("api/files", Map.of("study.zip", StudyDataset.zip(
                dir.resolve("study"))), Map.of("folder", "studies", "unpack", "true"));
        assertEquals(201, upload.status(), upload.body());

        ApiClient.Reply described = client.get("api/datasets/studies/study");
        assertEquals(200, described.status(), described.body());
        JsonObject dataset = described.json();
        assertEquals("BIDS", dataset.getString("format"));
        assertEquals(List.of(), dataset.getJsonArray("problems"), described.body());
        assertEquals(20, dataset.getJsonArray("recordings").size());
        Map<String, Integer> formats = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            JsonObject recording = dataset.getJsonArray("recordings").getJsonObject(i);
            StudyDataset.Subject subject = subjects.get(i);
            assertEquals(subject.label(), recording.getString("subject"));
            formats.merge(recording.getString("format"), 1, Integer::sum);
            assertEquals(subject.bad(), recording.getJsonArray("badChannels").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList(), subject.key());
            assertEquals(subject.count("face"), recording.getJsonObject("events").getInt("face"), subject.key());
            assertEquals(subject.count("house"), recording.getJsonObject("events").getInt("house"), subject.key());
            assertEquals(subject.channels().size(), recording.getInt("channels"), subject.key());
        }
        assertEquals(Map.of("BrainVision", 7, "EDF", 7, "EEGLAB", 6), formats);

        long jobId = client.schedule(StudyDataset.workflow("studies/study"));
        long start = System.nanoTime();
        JsonObject details = client.awaitJob(jobId, DEADLINE);
        System.out.printf("STUDY on %s: job %d, 20 subjects x 2 conditions, %s in %d ms (as the client waited)%n",
                Deployments.server(), jobId, details.getString("status"), (System.nanoTime() - start) / 1_000_000);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        checkResults(client, details);
    }

    @Test
    void anUnreadableSubjectFailsTheJobNamingItAndARestartAfterTheFileIsReplacedCompletes() throws IOException {
        List<StudyDataset.Subject> subjects = StudyDataset.write(dir.resolve("study"), StudyDataset.SUBJECTS);
        StudyDataset.Subject six = subjects.get(5);
        Path good = dir.resolve("good.fdt");
        Files.copy(StudyDataset.dataFile(six), good);
        StudyDataset.truncate(six);
        ApiClient client = ApiClient.newUser(base);
        assertEquals(201, client.uploadFiles("api/files", Map.of("study.zip", StudyDataset.zip(dir.resolve("study"))),
                Map.of("folder", "studies", "unpack", "true")).status());

        long jobId = client.schedule(StudyDataset.workflow("studies/study"));
        JsonObject failed = client.awaitJob(jobId, DEADLINE);
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertTrue(failed.getString("error").contains("element sub-06_task-faces: cannot read"
                + " sub-06/eeg/sub-06_task-faces_eeg.set"), failed.getString("error"));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(failed);
        for (String condition : StudyDataset.CONDITIONS) {
            assertEquals("not run: 1 element it gathers failed upstream (sub-06_task-faces)",
                    blocks.get(StudyDataset.BLOCKS.get(condition)[2]).getString("stderr"));
        }

        String fdt = "studies/study/sub-06/eeg/" + StudyDataset.dataFile(six).getFileName();
        ApiClient.Reply deleted = client.delete("api/files/" + fdt);
        assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted.body());
        ApiClient.Reply replaced = client.uploadFiles("api/files", Map.of(StudyDataset.dataFile(six).getFileName()
                .toString(), good), Map.of("folder", "studies/study/sub-06/eeg"));
        assertEquals(201, replaced.status(), replaced.body());
        assertEquals(200, client.postEmpty("api/workflow/jobs/" + jobId + "/restart").status());
        JsonObject restarted = client.awaitJob(jobId, DEADLINE);
        assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        checkResults(client, restarted);
        JsonObject sixAgain = elements(ApiClient.blocks(restarted).get(4)).get(six.key());
        assertEquals(2, sixAgain.getInt("attempt"), "sub-06 ran again");
        assertEquals(1, elements(ApiClient.blocks(restarted).get(4)).get("sub-01_task-faces").getInt("attempt"),
                "the others were reused");
    }

    /**
     * The result cache on a real study: the unchanged workflow scheduled again reuses every block and element; after
     * one subject's _events.tsv changes, only that subject's elements run again (with the provider, which reads the
     * folder, and the group blocks after them), and the grand averages still equal what the changed data give.
     */
    @Test
    void theCacheRerunsOnlyTheSubjectWhoseEventsChanged() throws IOException {
        List<StudyDataset.Subject> subjects = StudyDataset.write(dir.resolve("study"), StudyDataset.SUBJECTS);
        ApiClient client = ApiClient.newUser(base);
        assertEquals(201, client.uploadFiles("api/files", Map.of("study.zip", StudyDataset.zip(dir.resolve("study"))),
                Map.of("folder", "studies", "unpack", "true")).status());
        long start = System.nanoTime();
        JsonObject first = client.awaitJob(client.schedule(StudyDataset.workflow("studies/study")), DEADLINE);
        long coldMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("COMPLETED", first.getString("status"), first.toString());
        checkResults(client, first);

        start = System.nanoTime();
        JsonObject again = client.awaitJob(client.schedule(StudyDataset.workflow("studies/study")), DEADLINE);
        long cachedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("COMPLETED", again.getString("status"), again.toString());
        for (JsonObject block : ApiClient.blocks(again).values()) {
            assertTrue(reused(block), "reused: " + block);
            if (block.containsKey("elements")) {
                elements(block).values().forEach(e -> assertTrue(reused(e), "element reused: " + e));
            }
        }
        checkResults(client, again);
        System.out.printf("STUDY CACHE on %s: first run %d ms, unchanged re-run %d ms (%.1f %%)%n",
                Deployments.server(), coldMs, cachedMs, 100.0 * cachedMs / coldMs);

        // sub-03 loses its last event: its file is replaced by an upload of the changed one
        StudyDataset.Subject three = subjects.get(2);
        Path events = dir.resolve("study/sub-03/eeg/" + three.key() + "_events.tsv");
        List<String> rows = Files.readAllLines(events);
        Files.write(events, rows.subList(0, rows.size() - 1));
        assertEquals(201, client.uploadFiles("api/files", Map.of(events.getFileName().toString(), events),
                Map.of("folder", "studies/study/sub-03/eeg")).status());
        JsonObject changed = client.awaitJob(client.schedule(StudyDataset.workflow("studies/study")), DEADLINE);
        assertEquals("COMPLETED", changed.getString("status"), changed.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(changed);
        assertTrue(!reused(blocks.get(1)), "the provider reads the changed folder again");
        for (int block : List.of(2, 3, 4, 7, 8)) {
            Map<String, JsonObject> elements = elements(blocks.get(block));
            for (Map.Entry<String, JsonObject> element : elements.entrySet()) {
                boolean isThree = element.getKey().equals(three.key());
                assertEquals(!isThree, reused(element.getValue()), "block " + block + " " + element.getKey());
            }
        }
        for (String condition : StudyDataset.CONDITIONS) {
            assertTrue(!reused(blocks.get(StudyDataset.BLOCKS.get(condition)[2])), "GrandAverage runs again");
        }
    }

    private static boolean reused(JsonObject result) {
        return result.containsKey("reusedFrom") && result.get("reusedFrom").getValueType()
                == jakarta.json.JsonValue.ValueType.OBJECT;
    }

    private static Map<String, JsonObject> elements(JsonObject block) {
        Map<String, JsonObject> byKey = new java.util.LinkedHashMap<>();
        block.getJsonArray("elements").forEach(v -> byKey.put(v.asJsonObject().getString("key"), v.asJsonObject()));
        return byKey;
    }

    /** 20 elements per mapped block, GrandAverage's summary, and each Export CSV against MNE within 1e-6. */
    private static void checkResults(ApiClient client, JsonObject details) throws IOException {
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        for (int block : List.of(2, 3, 4, 7, 8)) {
            assertEquals(20, elements(blocks.get(block)).size(), "block " + block);
        }
        for (String condition : StudyDataset.CONDITIONS) {
            int[] b = StudyDataset.BLOCKS.get(condition);
            assertEquals("grand average of 20 subjects, 12 channels x 176 samples; left out 2 channels not in every"
                    + " input: T7, T8", blocks.get(b[2]).getJsonObject("output").getString("value"));
            String name = blocks.get(b[3]).getJsonObject("output").getJsonObject("value").getString("filename");
            var csv = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/" + name);
            assertEquals(200, csv.statusCode());
            List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
            StudyDataset.Reference mne = StudyDataset.reference("study_" + condition + "_grand_average");
            assertEquals("time (s)," + String.join(",", mne.names()), lines.get(0));
            assertEquals(mne.rows().size() + 1, lines.size());
            double worst = 0;
            for (int t = 0; t < mne.rows().size(); t++) {
                String[] cells = lines.get(t + 1).split(",");
                for (int c = 0; c < mne.names().size(); c++) {
                    double expected = mne.rows().get(t)[c] * 1e6;
                    double diff = Math.abs(Double.parseDouble(cells[c + 1]) - expected);
                    assertTrue(diff <= 1e-6 * Math.abs(expected) || diff <= 1e-9, condition + " " + mne.names().get(c)
                            + " row " + t + ": " + cells[c + 1] + " µV, MNE " + expected);
                    worst = Math.abs(expected) > 1e-3 ? Math.max(worst, diff / Math.abs(expected)) : worst;
                }
            }
            System.out.printf("AGREEMENT %-45s max relative error %.3g%n", "StudyIT Export CSV " + condition, worst);
        }
    }
}
