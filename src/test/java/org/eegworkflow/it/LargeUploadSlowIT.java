package org.eegworkflow.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.eegworkflow.platform.Folders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording larger than the server's heap goes through {@code /api/files} and back: a server started as the README
 * starts it, with a small heap ({@code -Xmx256m}) and a temporary folder of its own, takes a generated 1 GB file
 * (never held by this client either: the multipart body is generated as it is sent), stores it byte for byte, and
 * sends it back; neither the REST runtime nor the app buffers it in memory or in a temporary file. A file over the
 * limit ({@code files.max.mb}) is refused with the limit named, and leaves nothing behind. Throughput and the
 * server's peak heap are printed (lines starting {@code LARGE}).
 *
 * <p>{@code -Dlarge.upload.mb=2048 -Dlarge.upload.heap.mb=384} run it with other sizes by hand.
 */
class LargeUploadSlowIT {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 740;
    private static final long MB = 1 << 20;
    private static final long SIZE_MB = Long.getLong("large.upload.mb", 1024);
    private static final long HEAP_MB = Long.getLong("large.upload.heap.mb", 256);
    /** The limit: a little above the accepted file, so that the refused one need not be much bigger. */
    private static final long LIMIT_MB = SIZE_MB + 32;
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);
    private static final String PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static void report(String line) {
        System.out.println("LARGE [" + SERVER + "] " + line);
    }

    @Test
    void aRecordingLargerThanTheHeapIsStoredAndSentBackStreaming() throws Exception {
        Path data = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("large-upload-" + SERVER)
                .toAbsolutePath();
        Folders.deleteRecursively(data);
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        Map<String, String> env = Map.of("EEGWF_JAVA_OPTS", "-Xmx" + HEAP_MB + "m -Djava.io.tmpdir=" + tmp,
                "EEGWF_FILES_MAX_MB", Long.toString(LIMIT_MB));
        try (ServerProcess server = ServerProcess.start(SERVER, data, PORT_OFFSET, env);
             HeapSampler heap = HeapSampler.of(server.jvm())) {
            String email = "large-" + UUID.randomUUID() + "@example.org";
            ApiClient user = server.client();
            user.register(email, "Large", PASSWORD);
            long userId = user.login(email, PASSWORD).getJsonNumber("id").longValueExact();
            Path userFolder = data.resolve("files").resolve(Long.toString(userId));
            // what the servers keep in their temporary folders on their own (Payara Micro unpacks itself there)
            List<Path> temporaryFolders = List.of(tmp, data.resolve("server/tmp"));
            Map<Path, Long> before = sizes(temporaryFolders);

            GeneratedFile recording = new GeneratedFile(SIZE_MB * MB, 14);
            String expected = recording.sha256();
            GeneratedFile.Multipart body = recording.multipart("large.eeg", Map.of("folder", "recordings"), Map.of());
            long heapBefore = heap.peakKiB();
            HttpResponse<String> uploaded;
            long started = System.nanoTime();
            try (TemporaryFiles watch = new TemporaryFiles(temporaryFolders, before)) {
                uploaded = HTTP.send(post(user, body), HttpResponse.BodyHandlers.ofString());
                double seconds = (System.nanoTime() - started) / 1e9;
                report(String.format(Locale.ROOT, "upload of %d MB: %d in %.1f s = %.0f MB/s; peak heap used %d MiB"
                                + " of -Xmx%dm (jstat, %d samples; %d MiB before); temporary files grew by at most"
                                + " %d kB", SIZE_MB, uploaded.statusCode(), seconds, SIZE_MB / seconds,
                        heap.peakKiB() / 1024, HEAP_MB, heap.samples(), heapBefore / 1024, watch.peakKiB()));
                assertEquals(201, uploaded.statusCode(), uploaded.body() + "\n" + server.tail());
                assertTrue(watch.peakKiB() < 16 * 1024, "the upload went through a temporary file of "
                        + watch.peakKiB() + " kB: " + watch.largest());
            }
            JsonArray stored = new ApiClient.Reply(uploaded.statusCode(), uploaded.body(), uploaded.headers().map())
                    .jsonArray();
            assertEquals(1, stored.size(), uploaded.body());
            assertEquals("recordings/large.eeg", stored.getJsonObject(0).getString("path"));
            assertEquals(recording.size(), stored.getJsonObject(0).getJsonNumber("size").longValueExact());
            Path onDisk = userFolder.resolve("recordings/large.eeg");
            assertEquals(recording.size(), Files.size(onDisk));
            try (InputStream in = Files.newInputStream(onDisk)) {
                assertEquals(expected, GeneratedFile.sha256(in), "the stored file's SHA-256");
            }
            assertTrue(heap.peakKiB() < HEAP_MB * 1024, "heap " + heap.peakKiB() + " kB");

            download(user, recording, expected);
            ranges(user, recording);
            overTheLimit(user, userFolder, temporaryFolders, before);

            assertEquals(204, user.delete("api/files/recordings/large.eeg").status());
            assertEquals(200, user.get("api/health").status(), "still healthy");
            report(String.format(Locale.ROOT, "server JVM: peak resident (VmHWM) %d MiB, peak heap used %d MiB",
                    server.procStatusKiB("VmHWM") / 1024, heap.peakKiB() / 1024));
        }
    }

    private static void download(ApiClient user, GeneratedFile recording, String expected) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(get(user, "api/files/recordings/large.eeg").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String sha;
        long count;
        try (InputStream in = response.body()) {
            assertEquals(200, response.statusCode());
            CountingInputStream counted = new CountingInputStream(in);
            sha = GeneratedFile.sha256(counted);
            count = counted.count;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report(String.format(Locale.ROOT, "download: %.1f s = %.0f MB/s (including the client's SHA-256);"
                        + " Content-Length %s, Accept-Ranges %s", seconds, SIZE_MB / seconds,
                response.headers().firstValue("Content-Length").orElse("none"),
                response.headers().firstValue("Accept-Ranges").orElse("none")));
        assertEquals(recording.size(), count, "bytes downloaded");
        assertEquals(expected, sha, "the download's SHA-256");
        assertEquals(Long.toString(recording.size()), response.headers().firstValue("Content-Length").orElse(null),
                "Content-Length of the download");
    }

    /** A client resuming a broken download asks for the rest; one that wants the header, for the first bytes. */
    private static void ranges(ApiClient user, GeneratedFile recording) throws Exception {
        long size = recording.size();
        Map<String, long[]> asked = new LinkedHashMap<>();
        asked.put("bytes=0-99", new long[]{0, 100});
        asked.put("bytes=" + (size - 1000) + "-", new long[]{size - 1000, size});
        asked.put("bytes=-10", new long[]{size - 10, size});
        for (Map.Entry<String, long[]> range : asked.entrySet()) {
            HttpResponse<byte[]> response = HTTP.send(get(user, "api/files/recordings/large.eeg")
                    .header("Range", range.getKey()).build(), HttpResponse.BodyHandlers.ofByteArray());
            long from = range.getValue()[0];
            long to = range.getValue()[1];
            report("Range " + range.getKey() + ": " + response.statusCode() + ", Content-Range "
                    + response.headers().firstValue("Content-Range").orElse("none") + ", " + response.body().length
                    + " bytes");
            assertEquals(206, response.statusCode(), range.getKey());
            assertEquals("bytes " + from + "-" + (to - 1) + "/" + size,
                    response.headers().firstValue("Content-Range").orElse(null), range.getKey());
            assertArrayEquals(recording.bytes(from, to), response.body(), range.getKey());
        }
        HttpResponse<String> unsatisfiable = HTTP.send(get(user, "api/files/recordings/large.eeg")
                .header("Range", "bytes=" + size + "-").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(416, unsatisfiable.statusCode(), unsatisfiable.body());
        assertEquals("bytes */" + size, unsatisfiable.headers().firstValue("Content-Range").orElse(null));
    }

    /**
     * A small file and one over the limit in one upload: refused as soon as the limit is passed, with the limit
     * named; neither file is stored, and no temporary file is left.
     */
    private static void overTheLimit(ApiClient user, Path userFolder, List<Path> temporaryFolders,
                                     Map<Path, Long> before) throws Exception {
        GeneratedFile over = new GeneratedFile((LIMIT_MB + 16) * MB, 15);
        GeneratedFile.Multipart body = over.multipart("b-over.eeg", Map.of("folder", "over"),
                Map.of("a-small.txt", "small"));
        long started = System.nanoTime();
        HttpResponse<String> refused;
        try (TemporaryFiles watch = new TemporaryFiles(temporaryFolders, before)) {
            refused = HTTP.send(post(user, body), HttpResponse.BodyHandlers.ofString());
            report(String.format(Locale.ROOT, "a %d MB file over the limit of %d MB: %d after %.1f s %s;"
                            + " temporary files grew by at most %d kB", over.size() / MB, LIMIT_MB,
                    refused.statusCode(), (System.nanoTime() - started) / 1e9, refused.body(), watch.peakKiB()));
            assertTrue(watch.peakKiB() < 16 * 1024, "the refused upload went through a temporary file of "
                    + watch.peakKiB() + " kB: " + watch.largest());
        }
        assertEquals(413, refused.statusCode(), refused.body());
        String error = new ApiClient.Reply(refused.statusCode(), refused.body(), refused.headers().map()).error();
        assertTrue(error.contains("b-over.eeg") && error.contains(LIMIT_MB + " MB"), error);

        JsonArray list = user.get("api/files").jsonArray();
        List<String> paths = list.stream().map(v -> ((JsonObject) v).getString("path")).toList();
        assertEquals(List.of("recordings/large.eeg"), paths, "stored after the refusal");
        try (Stream<Path> left = Files.walk(userFolder)) {
            List<Path> files = left.filter(Files::isRegularFile).toList();
            assertEquals(List.of(userFolder.resolve("recordings/large.eeg")), files,
                    "files in the user's folder after the refusal");
        }
        Map<Path, Long> after = sizes(temporaryFolders);
        List<String> grown = new ArrayList<>();
        after.forEach((file, size) -> {
            if (size > before.getOrDefault(file, 0L) + MB) {
                grown.add(file + " (" + size + " bytes)");
            }
        });
        assertTrue(grown.isEmpty(), "temporary files left: " + grown);
    }

    private static HttpRequest post(ApiClient user, GeneratedFile.Multipart body) {
        return HttpRequest.newBuilder(user.base().resolve("api/files")).timeout(TRANSFER_TIMEOUT)
                .header("Cookie", "token=" + user.token()).header("Content-Type", body.contentType())
                .POST(body.publisher()).build();
    }

    private static HttpRequest.Builder get(ApiClient user, String path) {
        return HttpRequest.newBuilder(user.base().resolve(path)).timeout(TRANSFER_TIMEOUT)
                .header("Cookie", "token=" + user.token()).GET();
    }

    /** The size of every regular file under the folders (those that exist). */
    static Map<Path, Long> sizes(List<Path> folders) {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.forEach(file -> {
                    try {
                        if (Files.isRegularFile(file)) {
                            sizes.put(file, Files.size(file));
                        }
                    } catch (IOException e) {
                        // deleted while walking: not there
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // a folder changing while walked: the next sample sees it
            }
        }
        return sizes;
    }

    /** Samples, four times a second, how far the files of the temporary folders have grown beyond a baseline. */
    private static final class TemporaryFiles implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private volatile String largest = "none";
        private volatile boolean running = true;
        private final Thread thread;

        TemporaryFiles(List<Path> folders, Map<Path, Long> baseline) {
            thread = new Thread(() -> {
                while (running) {
                    long grown = 0;
                    Path biggest = null;
                    long biggestSize = 0;
                    for (Map.Entry<Path, Long> file : sizes(folders).entrySet()) {
                        long growth = file.getValue() - baseline.getOrDefault(file.getKey(), 0L);
                        if (growth > 0) {
                            grown += growth;
                            if (growth > biggestSize) {
                                biggestSize = growth;
                                biggest = file.getKey();
                            }
                        }
                    }
                    if (grown > peak.get() * 1024) {
                        peak.set(grown / 1024);
                        largest = biggest + " (" + biggestSize + " bytes)";
                    }
                    ApiClient.pause(Duration.ofMillis(250));
                }
            }, "temporary-files");
            thread.setDaemon(true);
            thread.start();
        }

        long peakKiB() {
            return peak.get();
        }

        String largest() {
            return largest;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
