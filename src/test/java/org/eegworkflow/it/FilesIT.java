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

    /**
     * The form is read as it arrives: a folder field after the files still applies to them, and an upload that
     * breaks off or turns out bad halfway stores none of its files.
     */
    @Test
    void theFolderMayFollowTheFilesAndABrokenUploadStoresNothing() {
        ApiClient client = ApiClient.newUser(base);
        String b = "----eegwfFilesIT";
        String first = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
                + "first\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\n"
                + "second\r\n";
        ApiClient.Reply later = client.raw("POST", "api/files", "multipart/form-data; boundary=" + b,
                (first + "--" + b + "\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\nlate\r\n--" + b
                        + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(201, later.status(), later.body());
        assertEquals(Map.of("late/a.txt", 5L, "late/b.txt", 6L), listing(client));

        ApiClient.Reply cut = client.raw("POST", "api/files", "multipart/form-data; boundary=" + b,
                (first.replace("a.txt", "c.txt").replace("b.txt", "d.txt") + "--" + b
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.txt\"\r\n\r\nno end")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, cut.status(), cut.body());
        assertTrue(cut.error().contains("'e.txt'") && cut.error().contains("cut short"), cut.body());

        ApiClient.Reply badFolderLast = client.raw("POST", "api/files", "multipart/form-data; boundary=" + b,
                (first.replace("a.txt", "f.txt") + "--" + b + "\r\nContent-Disposition: form-data; name=\"folder\""
                        + "\r\n\r\n../up\r\n--" + b + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, badFolderLast.status(), badFolderLast.body());
        assertEquals(Map.of("late/a.txt", 5L, "late/b.txt", 6L), listing(client), "nothing of the refused uploads");
    }

    /** A download can be resumed or read in part: one byte range, 206 with its Content-Range; past the end, 416. */
    @Test
    void aDownloadAnswersOneByteRange() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        Map<String, Path> files = recording();
        assertEquals(201, client.uploadFiles("api/files", files, Map.of()).status());
        byte[] eeg = Files.readAllBytes(files.get("test.eeg"));
        HttpResponse<byte[]> full = client.getBytes("api/files/test.eeg");
        assertEquals("300000", full.headers().firstValue("Content-Length").orElse(null));
        assertEquals("bytes", full.headers().firstValue("Accept-Ranges").orElse(null));
        try {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                    base.toURI().resolve("api/files/test.eeg")).header("Cookie", "token=" + client.token());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            HttpResponse<byte[]> part = http.send(request.copy().header("Range", "bytes=1000-1999").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertEquals("bytes 1000-1999/300000", part.headers().firstValue("Content-Range").orElse(null));
            assertArrayEquals(java.util.Arrays.copyOfRange(eeg, 1000, 2000), part.body());
            HttpResponse<String> past = http.send(request.copy().header("Range", "bytes=300000-").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(416, past.statusCode(), past.body());
            assertEquals("bytes */300000", past.headers().firstValue("Content-Range").orElse(null));
            HttpResponse<byte[]> several = http.send(request.copy().header("Range", "bytes=0-9,20-29").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, several.statusCode(), "several ranges: the whole file");
            assertArrayEquals(eeg, several.body());
            for (String unreadable : List.of("bytes=20-10", "items=0-9", "bytes=x-y", "bytes=-")) {
                HttpResponse<byte[]> whole = http.send(request.copy().header("Range", unreadable).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, whole.statusCode(), unreadable + ": the whole file");
                assertEquals(eeg.length, whole.body().length, unreadable);
            }
            HttpResponse<byte[]> beyond = http.send(request.copy().header("Range", "bytes=299990-400000").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, beyond.statusCode());
            assertEquals("bytes 299990-299999/300000", beyond.headers().firstValue("Content-Range").orElse(null),
                    "an end past the file is cut to it");
            assertEquals(416, http.send(request.copy().header("Range", "bytes=-0").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "an empty suffix");
        } catch (java.net.URISyntaxException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
