package org.eegworkflow.it;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each user's data files over HTTP, and FILE properties that point into them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FilesIT {

    @ArquillianResource
    URL base;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    private Map<String, Path> recording() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Random random = new Random(7);
        for (String name : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            byte[] bytes = new byte[name.endsWith(".eeg") ? 300_000 : 2_000];
            random.nextBytes(bytes);
            files.put(name, Files.write(dir.resolve(name), bytes));
        }
        return files;
    }

    private static Map<String, Long> listing(ApiClient client) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (JsonValue value : client.get("api/files").jsonArray()) {
            sizes.put(value.asJsonObject().getString("path"), value.asJsonObject().getJsonNumber("size").longValue());
        }
        return sizes;
    }

    @Test
    void aRecordingIsUploadedAsThreeFilesListedDownloadedAndDeleted() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        Map<String, Path> files = recording();
        ApiClient.Reply upload = client.uploadFiles("api/files", files, Map.of("folder", "recordings/session 1"));
        assertEquals(201, upload.status(), upload.body());
        assertEquals(3, upload.jsonArray().size());
        assertEquals(Map.of("recordings/session 1/test.eeg", 300_000L, "recordings/session 1/test.vhdr", 2_000L,
                "recordings/session 1/test.vmrk", 2_000L), listing(client));

        HttpResponse<byte[]> download = client.getBytes("api/files/recordings/session%201/test.eeg");
        assertEquals(200, download.statusCode());
        assertArrayEquals(Files.readAllBytes(files.get("test.eeg")), download.body());

        assertEquals(404, ApiClient.newUser(base).get("api/files/recordings/session%201/test.eeg").status(),
                "another user's file does not exist for them");
        assertTrue(ApiClient.newUser(base).get("api/files").jsonArray().isEmpty());

        assertEquals(204, client.delete("api/files/recordings/session%201/test.vmrk").status());
        assertEquals(2, listing(client).size());
        assertEquals(204, client.delete("api/files/recordings").status(), "a folder goes with its contents");
        assertTrue(listing(client).isEmpty());
    }

    @Test
    void pathsNeverLeaveTheUsersFolder() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        client.uploadFiles("api/files", Map.of("a.txt", Files.writeString(dir.resolve("a.txt"), "mine")), Map.of());
        for (String escape : List.of("..%2F..%2Fdb%2Feegwf.mv.db", "%2e%2e/%2e%2e/db/eegwf.mv.db", "../1/a.txt",
                "x/../../a.txt", "%2Fetc%2Fpasswd")) {
            int status = client.get("api/files/" + escape).status();
            assertTrue(status == 404 || status == 400, escape + " answered " + status);
        }
        ApiClient.Reply slip = client.uploadFiles("api/files",
                Map.of("../../evil.txt", Files.writeString(dir.resolve("evil.txt"), "x")), Map.of());
        assertEquals(400, slip.status(), slip.body());
        ApiClient.Reply badFolder = client.uploadFiles("api/files", Map.of("b.txt", dir.resolve("a.txt")),
                Map.of("folder", "../outside"));
        assertEquals(400, badFolder.status(), badFolder.body());
        assertEquals(Map.of("a.txt", 4L), listing(client), "nothing of the refused uploads was stored");
    }

    @Test
    void aFilePropertyPointsIntoTheOwnersFiles() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        client.uploadFiles("api/files", recording(), Map.of("folder", "rec"));
        String json = new WorkflowJson().test(1, "FileSize", Map.of("file", "rec/test.eeg")).json();
        JsonObject details = client.awaitJob(client.schedule(json), Duration.ofSeconds(60));
        assertEquals("300000", ApiClient.blocks(details).get(1).getJsonObject("output").getString("value"));

        ApiClient.Reply outside = client.post("api/workflow/schedule", Map.of("workflow",
                new WorkflowJson().test(1, "FileSize", Map.of("file", "../other/x.eeg")).json()));
        assertEquals(400, outside.status(), outside.body());
        assertTrue(outside.error().contains("property 'file'"), outside.body());

        ApiClient stranger = ApiClient.newUser(base);
        JsonObject theirs = stranger.awaitJob(stranger.schedule(json), Duration.ofSeconds(60));
        assertEquals("FAILED", theirs.getString("status"));
        assertEquals("property 'file': file 'rec/test.eeg' is not among your data files",
                ApiClient.blocks(theirs).get(1).getString("stderr"));
    }
}
