package org.eegworkflow.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.platform.Folders;
import org.eegworkflow.eeg.EegTestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 50 users at once, each scheduling 20 workflows (the seed's example, a 50-block arithmetic DAG and the EEG pipeline
 * on the MNE test recording) against a server started as the README starts it. Every one of the 1,000 jobs must end
 * COMPLETED with the right result; throughput, latencies and the server's peak memory are printed (lines starting
 * {@code LOAD}), not asserted, since the machine is shared.
 */
class LoadSlowIT {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 710;
    private static final int USERS = Integer.getInteger("load.users", 50);
    private static final int JOBS_PER_USER = Integer.getInteger("load.jobs.per.user", 20);
    /** Of each user's jobs, this many are EEG pipelines; the rest alternate between the seed's example and the DAG. */
    private static final int EEG_PER_USER = Integer.getInteger("load.eeg.per.user", 4);
    private static final int SIGN_UPS_AT_ONCE = 4;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofMinutes(12);
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "STOPPED");
    private static final String EEG = "EEG_Basil.zip:EEG_Basil";
    private static final String PASSWORD = "correct horse battery";

    private enum Kind { SEED, DAG, EEG }

    /** One scheduled job: who, what, when it was sent, how long the schedule request took. */
    private record Submitted(int user, long jobId, Kind kind, Instant sent, long scheduleMicros) {
    }

    private final ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> completionMillis = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> exportDigests = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Instant> ends = new ConcurrentLinkedQueue<>();
    private volatile String oneExport;

    private static void report(String line) {
        System.out.println("LOAD [" + SERVER + "] " + line);
    }

    @Test
    void fiftyUsersTwentyWorkflowsEachAllCompleteWithTheRightResults() throws Exception {
        Instant wallStart = Instant.now();
        Path data = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("load-" + SERVER);
        Folders.deleteRecursively(data);
        // 1,000 jobs leave 2 to 4 GB of database, results and files: they go once the server has stopped, whatever
        // the outcome (its log stays), so three server runs of the suite do not fill a small disk
        try (AutoCloseable cleanUp = () -> {
                 for (String folder : List.of("db", "jobs", "files")) {
                     Folders.deleteRecursively(data.resolve(folder));
                 }
             };
             ServerProcess server = ServerProcess.start(SERVER, data, PORT_OFFSET, Map.of());
             HeapSampler heap = HeapSampler.of(server.jvm())) {
            try {
                load(server, heap, wallStart);
            } catch (Throwable failure) {
                // a load that does not finish is most often a server waiting on itself: keep what it waited on
                failure.addSuppressed(new AssertionError("the server's threads at the failure: "
                        + server.threadDump()));
                throw failure;
            }
        }
        report("wall time of the test (server start to stop): "
                + Duration.between(wallStart, Instant.now()).toSeconds() + " s");
    }

    private void load(ServerProcess server, HeapSampler heap, Instant wallStart) throws Exception {
        report("server up in " + Duration.between(wallStart, Instant.now()).toSeconds() + " s; " + USERS
                + " users x " + JOBS_PER_USER + " jobs (" + EEG_PER_USER + " EEG each)");
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        // sign-up first, a few at a time as people arrive (a password hash costs ~0.3 s of CPU by design, and
        // 100 of them at once on a shared 2-core machine outlast a client's 60 s timeout), then everyone
        // schedules at once
        Instant setupStart = Instant.now();
        ExecutorService arrivals = Executors.newFixedThreadPool(SIGN_UPS_AT_ONCE);
        List<Future<ApiClient>> signUps = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int user = u;
            signUps.add(arrivals.submit(() -> signUp(server, user)));
        }
        List<ApiClient> clients = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Future<ApiClient> signUp : signUps) {
            try {
                clients.add(signUp.get(10, TimeUnit.MINUTES));
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        arrivals.shutdown();
        assertTrue(failures.isEmpty(), () -> failures.size() + " user(s) could not sign up; the first: "
                + failures.get(0) + "\nserver log:\n" + server.tail());
        report(String.format(Locale.ROOT, "sign-up of %d users, %d at a time (register, log in, upload the 3 files of"
                + " the recording): %d s; register p50 %d ms, max %d ms; login p50 %d ms, max %d ms;"
                + " upload p50 %d ms, max %d ms", USERS, SIGN_UPS_AT_ONCE,
                Duration.between(setupStart, Instant.now()).toSeconds(),
                percentile(sorted(registerMillis), 0.5), percentile(sorted(registerMillis), 1.0),
                percentile(sorted(loginMillis), 0.5), percentile(sorted(loginMillis), 1.0),
                percentile(sorted(uploadMillis), 0.5), percentile(sorted(uploadMillis), 1.0)));

        Instant loadStart = Instant.now();
        List<Future<Integer>> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int user = u;
            users.add(pool.submit(() -> runUser(clients.get(user), user)));
        }
        int verified = 0;
        for (Future<Integer> user : users) {
            try {
                verified += user.get(DEADLINE.toMinutes() + 5, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        pool.shutdown();
        Instant loadEnd = Instant.now();
        assertTrue(failures.isEmpty(), () -> failures.size() + " user(s) saw a failure; the first: "
                + failures.get(0) + "\nserver log:\n" + server.tail());
        assertEquals(USERS * JOBS_PER_USER, verified, "every job checked");

        // the EEG pipeline's exports: all the same bytes, and those bytes are MNE's average
        assertEquals(1, exportDigests.size(), "every EEG job exported the same CSV: " + exportDigests);
        EegWorkflowIT.assertEvokedMatchesReference(oneExport, EegTestData.file("reference/mne_test_evoked.csv"));

        figures(server, heap, loadStart, loadEnd);
        assertEquals(200, server.client().get("api/health").status(), "still healthy after the load");
    }

    private void figures(ServerProcess server, HeapSampler heap, Instant loadStart, Instant loadEnd) {
        List<Long> schedule = new ArrayList<>(submitted.stream().map(Submitted::scheduleMicros).toList());
        Collections.sort(schedule);
        List<Long> completion = new ArrayList<>(completionMillis);
        Collections.sort(completion);
        Instant firstSent = submitted.stream().map(Submitted::sent).min(Instant::compareTo).orElseThrow();
        Instant lastSent = submitted.stream().map(Submitted::sent).max(Instant::compareTo).orElseThrow();
        Instant lastEnd = ends.stream().max(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(firstSent, lastEnd).toMillis() / 1000.0;
        int jobs = submitted.size();
        Map<Kind, Long> kinds = new LinkedHashMap<>();
        submitted.forEach(s -> kinds.merge(s.kind(), 1L, Long::sum));
        report(String.format(Locale.ROOT, "%d jobs %s, all COMPLETED and checked; first schedule to last job end"
                        + " %.1f s = %.2f jobs/s (all scheduled within %.1f s)", jobs, kinds, seconds, jobs / seconds,
                Duration.between(firstSent, lastSent).toMillis() / 1000.0));
        report(String.format(Locale.ROOT, "schedule requests: p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                percentile(schedule, 0.50) / 1000.0, percentile(schedule, 0.99) / 1000.0,
                schedule.get(schedule.size() - 1) / 1000.0));
        report(String.format(Locale.ROOT, "job completion (sent to the job's end time): p50 %.1f s, p99 %.1f s,"
                        + " max %.1f s", percentile(completion, 0.50) / 1000.0, percentile(completion, 0.99) / 1000.0,
                completion.get(completion.size() - 1) / 1000.0));
        report(String.format(Locale.ROOT, "server JVM: peak resident (VmHWM) %d MiB; peak heap used %d MiB (jstat,"
                        + " %d samples); load phase incl. checks %d s", server.procStatusKiB("VmHWM") / 1024,
                heap.peakKiB() / 1024, heap.samples(), Duration.between(loadStart, loadEnd).toSeconds()));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1));
    }

    private final ConcurrentLinkedQueue<Long> registerMillis = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> loginMillis = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> uploadMillis = new ConcurrentLinkedQueue<>();

    private static List<Long> sorted(java.util.Collection<Long> values) {
        List<Long> list = new ArrayList<>(values);
        Collections.sort(list);
        return list;
    }

    /** One user's account and recording: register, log in, upload the BrainVision files. */
    private ApiClient signUp(ServerProcess server, int user) {
        ApiClient client = server.client();
        String email = "load-" + user + "-" + UUID.randomUUID() + "@example.org";
        long t0 = System.nanoTime();
        client.register(email, "Load " + user, PASSWORD);
        long t1 = System.nanoTime();
        client.login(email, PASSWORD);
        long t2 = System.nanoTime();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            files.put(name, EegTestData.file("brainvision-mne/" + name));
        }
        ApiClient.Reply upload = client.uploadFiles("api/files", files, Map.of("folder", "mne"));
        assertEquals(201, upload.status(), upload.body());
        registerMillis.add((t1 - t0) / 1_000_000);
        loginMillis.add((t2 - t1) / 1_000_000);
        uploadMillis.add((System.nanoTime() - t2) / 1_000_000);
        return client;
    }

    /** One user: schedule 20 jobs back to back, follow them, check each as it ends. */
    private int runUser(ApiClient client, int user) {
        Map<Long, Submitted> mine = new LinkedHashMap<>();
        Map<Long, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < JOBS_PER_USER; i++) {
            Kind kind = kindOf(i);
            String json = switch (kind) {
                case SEED -> Workflows.seedExample();
                case DAG -> dag(user + i);
                case EEG -> Workflows.eegPipeline("mne/test.vhdr");
            };
            Instant sent = Instant.now();
            long t0 = System.nanoTime();
            long jobId = client.schedule(json);
            Submitted job = new Submitted(user, jobId, kind, sent, (System.nanoTime() - t0) / 1000);
            submitted.add(job);
            mine.put(jobId, job);
            if (kind == Kind.DAG) {
                expected.put(jobId, dagResult(user + i));
            }
        }

        // follow: one list request a second gives every job's status; details only once a job has ended
        Instant deadline = Instant.now().plus(DEADLINE);
        Set<Long> open = new java.util.HashSet<>(mine.keySet());
        int checked = 0;
        while (!open.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                fail("user " + user + ": jobs " + open + " did not end within " + DEADLINE);
            }
            ApiClient.Reply list = client.get("api/workflow/schedule");
            assertEquals(200, list.status(), list.body());
            for (JsonValue value : list.jsonArray()) {
                JsonObject job = value.asJsonObject();
                long id = job.getJsonNumber("id").longValueExact();
                if (open.contains(id) && FINAL.contains(job.getString("status"))) {
                    check(client, mine.get(id), expected.get(id));
                    open.remove(id);
                    checked++;
                }
            }
            if (!open.isEmpty()) {
                ApiClient.pause(POLL);
            }
        }
        return checked;
    }

    private static Kind kindOf(int i) {
        // EEG jobs spread over the user's sequence, the rest alternating seed and DAG
        int stride = EEG_PER_USER == 0 ? Integer.MAX_VALUE : Math.max(1, JOBS_PER_USER / EEG_PER_USER);
        if (EEG_PER_USER > 0 && i % stride == stride - 1 && i / stride < EEG_PER_USER) {
            return Kind.EEG;
        }
        return i % 2 == 0 ? Kind.SEED : Kind.DAG;
    }

    private void check(ApiClient client, Submitted job, Long dagExpected) {
        ApiClient.Reply reply = client.get("api/workflow/jobs/" + job.jobId());
        assertEquals(200, reply.status(), reply.body());
        JsonObject details = reply.json();
        assertEquals("COMPLETED", details.getString("status"), job + ": " + details);
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        for (JsonObject block : blocks.values()) {
            assertEquals("COMPLETED", block.getString("status"), job + " block " + block);
        }
        switch (job.kind()) {
            case SEED -> assertEquals("70", output(blocks.get(3)), job.toString());
            case DAG -> {
                assertEquals(50, blocks.size(), job.toString());
                assertEquals(Long.toString(dagExpected), output(blocks.get(50)), job.toString());
            }
            case EEG -> {
                assertTrue(output(blocks.get(3)).startsWith("11 epochs x 32 channels x 701 samples"),
                        output(blocks.get(3)));
                JsonObject export = blocks.get(5).getJsonObject("output");
                assertEquals("TABLE", export.getString("type"));
                HttpResponse<byte[]> csv = client.getBytes("api/workflow/file/" + job.jobId() + "/"
                        + export.getJsonObject("value").getString("filename"));
                assertEquals(200, csv.statusCode(), job.toString());
                exportDigests.merge(ApiClient.sha256(csv.body()), 1L, Long::sum);
                if (oneExport == null) {
                    oneExport = new String(csv.body(), StandardCharsets.UTF_8);
                }
            }
        }
        Instant end = Instant.parse(details.getString("endTime"));
        ends.add(end);
        completionMillis.add(Duration.between(job.sent(), end).toMillis());
    }

    private static String output(JsonObject block) {
        return block.getJsonObject("output").getString("value");
    }


    /**
     * 50 blocks: ten constants (seed + 1 .. seed + 10), then 40 blocks each combining the block before it and the
     * block ten before it, adding and subtracting by turns; a DAG with fan-out, not a chain.
     */
    static String dag(int seed) {
        WorkflowJson json = new WorkflowJson();
        for (int id = 1; id <= 10; id++) {
            json.constant(id, seed % 17 + id);
        }
        for (int id = 11; id <= 50; id++) {
            json.arithmetic(id, id % 2 == 1 ? "Addition" : "Subtraction")
                    .edge(id - 1, "output", id, "num1").edge(id - 10, "output", id, "num2");
        }
        return json.json();
    }

    static long dagResult(int seed) {
        long[] value = new long[51];
        for (int id = 1; id <= 10; id++) {
            value[id] = seed % 17 + id;
        }
        for (int id = 11; id <= 50; id++) {
            value[id] = id % 2 == 1 ? value[id - 1] + value[id - 10] : value[id - 1] - value[id - 10];
        }
        return value[50];
    }
}
