package org.eegworkflow.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.platform.Folders;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.module.control.TestModules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A power cut in the middle of a long job: the server is started as the README does, given users, data files,
 * finished jobs and a private module, then killed with SIGKILL while an EEG pipeline with slow blocks runs, and
 * started again on the same data folder. Nothing is lost, the interrupted job says so, and its restart finishes
 * with the same results as an uninterrupted run without running its finished blocks again.
 */
class CrashSlowIT {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 720;
    private static final String PASSWORD = "correct horse battery";
    private static final String EEG = "EEG_Basil.zip:EEG_Basil";
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    /** A user as the test knows them: how to log in, and what they uploaded (path to SHA-256). */
    private record User(String email, Map<String, String> files) {
    }

    @Test
    void aKilledServerLosesNothingAndTheInterruptedJobResumesFromItsCheckpoints() throws IOException {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("crash-slow-" + SERVER);
        Folders.deleteRecursively(work);
        Path war = Deployments.exportWarWithTestBlocks(work.resolve("war"));
        Path data = work.resolve("data");
        Path module = TestModules.archive().sources(Workflows.resource("/modules/lab/org/example/lab/Scale.java"))
                .writeJar(work.resolve("Lab.jar"));

        List<User> users = new ArrayList<>();
        Map<String, String> before = new LinkedHashMap<>();
        long crashed;
        byte[] reference;
        ServerProcess first = ServerProcess.start(SERVER, war, data, PORT_OFFSET, Map.of());
        try {
            // the first account is the admin, who may upload modules
            for (String name : List.of("admin", "alice", "bob")) {
                User user = new User(name + "@crash.example.org", new TreeMap<>());
                ApiClient client = first.client();
                client.register(user.email(), name, PASSWORD);
                client.login(user.email(), PASSWORD);
                upload(client, user, work.resolve("upload-" + name));
                JsonObject seed = client.awaitJob(client.schedule(Workflows.seedExample()), DEADLINE);
                assertEquals("70", output(ApiClient.blocks(seed).get(3)), seed.toString());
                users.add(user);
            }
            ApiClient admin = login(first, users.get(0));
            ApiClient.Reply uploaded = admin.upload(module, "Lab.jar", "false");
            assertEquals(200, uploaded.status(), uploaded.body());
            JsonObject scaled = admin.awaitJob(admin.schedule(scaleWorkflow()), DEADLINE);
            assertEquals("10", output(ApiClient.blocks(scaled).get(2)), scaled.toString());

            ApiClient alice = login(first, users.get(1));
            // the same pipeline uninterrupted, for the results the crashed one must end with
            JsonObject uninterrupted = alice.awaitJob(alice.schedule(longWorkflow(0)), DEADLINE,
                    Duration.ofMillis(500));
            assertEquals("COMPLETED", uninterrupted.getString("status"), uninterrupted.toString());
            reference = exported(alice, uninterrupted);
            EegWorkflowIT.assertEvokedMatchesReference(new String(reference, StandardCharsets.UTF_8),
                    EegTestData.file("reference/mne_test_evoked.csv"));

            for (User user : users) {
                before.put(user.email(), snapshot(login(first, user)));
            }

            crashed = alice.schedule(longWorkflow(600));
            EngineIT.awaitBlockStatus(alice, crashed, 3, "RUNNING");
            EngineIT.awaitBlockStatus(alice, crashed, 8, "RUNNING");
            JsonObject running = alice.get("api/workflow/jobs/" + crashed).json();
            Map<Integer, JsonObject> blocks = ApiClient.blocks(running);
            for (int done : List.of(1, 2, 7)) {
                assertEquals("COMPLETED", blocks.get(done).getString("status"), "before the kill: " + running);
            }
        } finally {
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(SERVER, war, data, PORT_OFFSET, Map.of())) {
            ApiClient alice = login(second, users.get(1));
            JsonObject failed = alice.get("api/workflow/jobs/" + crashed).json();
            assertEquals("FAILED", failed.getString("status"), "never left RUNNING: " + failed);
            assertTrue(failed.getString("error").contains("server stopped"), failed.getString("error"));
            Map<Integer, JsonObject> blocks = ApiClient.blocks(failed);
            for (int interrupted : List.of(3, 8)) {
                assertEquals("FAILED", blocks.get(interrupted).getString("status"), failed.toString());
                assertTrue(blocks.get(interrupted).getString("stderr").contains("server stopped"),
                        blocks.get(interrupted).toString());
            }
            for (int done : List.of(1, 2, 7)) {
                assertEquals("COMPLETED", blocks.get(done).getString("status"), failed.toString());
            }

            // everyone and everything from before: same logins, jobs, files (byte for byte), modules
            for (User user : users) {
                ApiClient client = login(second, user);
                assertEquals(before.get(user.email()), snapshot(client, crashed),
                        user.email() + " after the crash");
                for (Map.Entry<String, String> file : user.files().entrySet()) {
                    HttpResponse<byte[]> download = client.getBytes("api/files/" + file.getKey());
                    assertEquals(200, download.statusCode(), file.getKey());
                    assertEquals(file.getValue(), ApiClient.sha256(download.body()),
                            user.email() + " " + file.getKey());
                }
            }
            ApiClient admin = login(second, users.get(0));
            JsonObject scaled = admin.awaitJob(admin.schedule(scaleWorkflow()), DEADLINE);
            assertEquals("10", output(ApiClient.blocks(scaled).get(2)), "the private module still runs: " + scaled);
            ApiClient.Reply stranger = login(second, users.get(2)).post("api/workflow/schedule",
                    Map.of("workflow", scaleWorkflow()));
            assertEquals(400, stranger.status(), "and is still private: " + stranger.body());

            ApiClient.Reply restart = alice.postEmpty("api/workflow/jobs/" + crashed + "/restart");
            assertEquals(200, restart.status(), restart.body());
            JsonObject resumed = alice.awaitJob(crashed, DEADLINE, Duration.ofMillis(500));
            assertEquals("COMPLETED", resumed.getString("status"), resumed.toString());
            blocks = ApiClient.blocks(resumed);
            for (int done : List.of(1, 2, 7)) {
                assertEquals(1, blocks.get(done).getInt("attempt"), "block " + done + " was not run again");
            }
            for (int rerun : List.of(3, 4, 5, 6, 8, 9)) {
                assertEquals(2, blocks.get(rerun).getInt("attempt"), "block " + rerun + ": " + resumed);
            }
            assertEquals("8", output(blocks.get(9)));
            assertEquals(ApiClient.sha256(reference), ApiClient.sha256(exported(alice, resumed)),
                    "the resumed job exported exactly what the uninterrupted one did");
        }
    }

    /**
     * read → filter → a recording held back {@code seconds} (the first time only) → epochs → average → Export, and
     * beside it 4 → SlowOnce (a minute, the first time only) → + 4.
     */
    private static String longWorkflow(int seconds) {
        WorkflowJson json = new WorkflowJson()
                .block(1, EEG, "OfflineDataProvider", Map.of("EEG File", "mne/test.vhdr"))
                .block(2, EEG, "Filter", Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"))
                .test(3, "SlowOnceRecording", Map.of("seconds", Integer.toString(seconds)))
                .block(4, EEG, "EpochExtraction", Map.of("PreStimulus onset", "-0.2", "PostStimulus onset", "0.5",
                        "Baseline Correction Start Time", "None", "Baseline Correction End Time", "0",
                        "Event Id", "None"))
                .block(5, EEG, "EpochAveraging", Map.of())
                .block(6, EEG, "Export", Map.of("File name", "evoked"))
                .edge(1, "EEGData", 2, "EEGData")
                .edge(2, "EEGData", 3, "EEGData")
                .edge(3, "EEGData", 4, "EEGData")
                .edge(4, "Epochs", 5, "Epochs")
                .edge(5, "Epochs", 6, "Epochs")
                .constant(7, 4);
        if (seconds > 0) {
            json.test(8, "SlowOnce", Map.of()).edge(7, "output", 8, "in");
        } else {
            json.test(8, "Sleep", Map.of("seconds", "0")).edge(7, "output", 8, "in");
        }
        return json.arithmetic(9, "Addition").edge(8, "out", 9, "num1").edge(7, "output", 9, "num2").json();
    }

    private static String scaleWorkflow() {
        return new WorkflowJson().constant(1, 4)
                .block(2, "Lab.jar:Lab", "Scale", Map.of("factor", "2.5")).edge(1, "output", 2, "value").json();
    }

    /** The recording and a file of random bytes, into the user's data files; their digests kept in the user. */
    private static void upload(ApiClient client, User user, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> recording = new LinkedHashMap<>();
        for (String name : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            recording.put(name, EegTestData.file("brainvision-mne/" + name));
        }
        ApiClient.Reply reply = client.uploadFiles("api/files", recording, Map.of("folder", "mne"));
        assertEquals(201, reply.status(), reply.body());
        for (Map.Entry<String, Path> file : recording.entrySet()) {
            user.files().put("mne/" + file.getKey(), ApiClient.sha256(Files.readAllBytes(file.getValue())));
        }
        byte[] noise = new byte[300_000 + user.email().length()];
        new Random(user.email().hashCode()).nextBytes(noise);
        Path raw = Files.write(dir.resolve("noise.bin"), noise);
        reply = client.uploadFiles("api/files", Map.of("noise.bin", raw), Map.of("folder", "raw"));
        assertEquals(201, reply.status(), reply.body());
        user.files().put("raw/noise.bin", ApiClient.sha256(noise));
    }

    /** What a user sees of their account: details, jobs with every block's result, files, modules. */
    private static String snapshot(ApiClient client, long... leaveOut) {
        StringBuilder text = new StringBuilder();
        text.append(client.get("api/users/details").body()).append('\n');
        text.append(client.get("api/files").body()).append('\n');
        text.append(client.get("api/workflow/modules").body()).append('\n');
        for (JsonValue job : client.get("api/workflow/schedule").jsonArray()) {
            long id = job.asJsonObject().getJsonNumber("id").longValueExact();
            if (java.util.Arrays.stream(leaveOut).noneMatch(left -> left == id)) {
                text.append(job).append('\n').append(client.get("api/workflow/jobs/" + id).body()).append('\n');
            }
        }
        return text.toString();
    }

    private static ApiClient login(ServerProcess server, User user) {
        ApiClient client = server.client();
        client.login(user.email(), PASSWORD);
        return client;
    }

    private static byte[] exported(ApiClient client, JsonObject details) {
        JsonObject export = ApiClient.blocks(details).get(6).getJsonObject("output");
        HttpResponse<byte[]> csv = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/"
                + export.getJsonObject("value").getString("filename"));
        assertEquals(200, csv.statusCode());
        return csv.body();
    }

    private static String output(JsonObject block) {
        return block.getJsonObject("output").getString("value");
    }
}
