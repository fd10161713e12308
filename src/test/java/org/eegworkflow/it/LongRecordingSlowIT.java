package org.eegworkflow.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonObject;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.testsupport.BrainVisionTiler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording longer than the server's heap could hold as doubles: MNE's test.vhdr made 64 channels wide and 101
 * times as long (13.3 minutes at 1 kHz, 102 MB of INT_16, 409 MB as doubles, 1311 epochs), read -> filtered 1-40 Hz
 * -> epoched -> averaged -> exported on a server started as the README does but with a 384 MB heap. It completes and
 * its average is MNE's ({@code reference/long_64ch_x101_evoked.csv}, made by {@code mne_long_reference.py} beside
 * it from the same generated file); so do two such jobs of two users at once.
 */
class LongRecordingSlowIT {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 740;
    private static final String HEAP = "-Xmx384m";
    private static final Duration DEADLINE = Duration.ofMinutes(6);
    private static final Path REFERENCE = EegTestData.file("reference/long_64ch_x101_evoked.csv");

    @Test
    void aRecordingLongerThanTheHeapRunsAndMatchesMneAlsoTwiceAtOnce() throws Exception {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("long-recording-" + SERVER);
        Folders.deleteRecursively(work.resolve("data"));
        BrainVisionTiler.Tiled recording = BrainVisionTiler.tile(EegTestData.file("brainvision-mne/test.vhdr"),
                work.resolve("recording/long_64ch_x101"), 2, 101);
        assertTrue(recording.samples() * recording.channels() * Double.BYTES > 384L << 20,
                "the recording as doubles must not fit the heap");

        // the jobs write about 2.5 GB of samples and the recording is 100 MB: three server runs of the suite would
        // leave 8 GB behind, so they go once the server has stopped, whatever the outcome (its log stays)
        try (AutoCloseable cleanUp = () -> {
                 Folders.deleteRecursively(work.resolve("data/jobs"));
                 Folders.deleteRecursively(work.resolve("data/files"));
                 Folders.deleteRecursively(work.resolve("recording"));
             };
             ServerProcess server = ServerProcess.start(SERVER, work.resolve("data"), PORT_OFFSET,
                Map.of("EEGWF_JAVA_OPTS", HEAP));
             HeapSampler heap = HeapSampler.of(server.jvm())) {
            ApiClient alice = userWithRecording(server, recording);
            long started = System.nanoTime();
            JsonObject alone = alice.awaitJob(alice.schedule(Workflows.eegPipeline("long/long_64ch_x101.vhdr")), DEADLINE, Duration.ofMillis(250));
            double aloneSeconds = (System.nanoTime() - started) / 1e9;
            assertMatchesMne(alice, alone);

            ApiClient bob = userWithRecording(server, recording);
            long alicesJob = alice.schedule(Workflows.eegPipeline("long/long_64ch_x101.vhdr"));
            long bobsJob = bob.schedule(Workflows.eegPipeline("long/long_64ch_x101.vhdr"));
            started = System.nanoTime();
            CompletableFuture<JsonObject> first = CompletableFuture.supplyAsync(
                    () -> alice.awaitJob(alicesJob, DEADLINE, Duration.ofMillis(250)));
            JsonObject second = bob.awaitJob(bobsJob, DEADLINE, Duration.ofMillis(250));
            assertMatchesMne(alice, first.get());
            assertMatchesMne(bob, second);
            double bothSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "LONG [%s] %d channels x %d samples (%.0f MB as doubles) on %s: one job"
                            + " %.1f s, two at once %.1f s; peak heap %d MiB (%d samples)%n", SERVER,
                    recording.channels(), recording.samples(),
                    recording.samples() * recording.channels() * 8 / 1e6, HEAP, aloneSeconds, bothSeconds,
                    heap.peakKiB() / 1024, heap.samples());
        }
    }

    private static ApiClient userWithRecording(ServerProcess server, BrainVisionTiler.Tiled recording) {
        ApiClient client = ApiClient.newUser(server.client());
        Map<String, Path> files = new LinkedHashMap<>();
        for (String extension : List.of(".vhdr", ".vmrk", ".eeg")) {
            Path file = recording.header().resolveSibling("long_64ch_x101" + extension);
            files.put(file.getFileName().toString(), file);
        }
        ApiClient.Reply upload = client.uploadFiles("api/files", files, Map.of("folder", "long"));
        assertEquals(201, upload.status(), upload.body());
        return client;
    }


    private static void assertMatchesMne(ApiClient client, JsonObject details) {
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertTrue(text(blocks.get(1)).contains("64 channels (52 EEG, 12 misc), 797900 samples at 1000 Hz"),
                text(blocks.get(1)));
        assertTrue(text(blocks.get(3)).startsWith("1311 epochs x 64 channels x 701 samples"), text(blocks.get(3)));
        JsonObject export = blocks.get(5).getJsonObject("output");
        byte[] csv = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/"
                + export.getJsonObject("value").getString("filename")).body();
        try {
            EegWorkflowIT.assertEvokedMatchesReference(new String(csv, StandardCharsets.UTF_8), REFERENCE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(JsonObject block) {
        JsonObject output = block.getJsonObject("output");
        return output == null ? block.toString() : output.getString("value");
    }
}
