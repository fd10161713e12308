package org.eegworkflow.it;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eegworkflow.platform.Folders;
import org.eegworkflow.testsupport.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, "the database goes away for ten seconds under load": a server on PostgreSQL (configured by the
 * server-config scripts an admin applies) with clients scheduling and polling jobs all the time; PostgreSQL is shut
 * down (fast) for ten seconds and started again. Every answer meanwhile is a 2xx or a JSON 503 (WildFly's pool fails
 * at once; Payara's waits for a connection, retrying, so its answers mostly come late rather than as 503s: the
 * figures printed show which); afterwards, without a
 * server restart, the server is healthy again, every job a client got an id for ends with the right output (or, if
 * it was running during the outage, FAILED with a reason and then completes on restart), no job is lost or shows
 * twice, and new jobs run.
 */
class DatabaseOutageSlowIT {
    private static final int PORT_OFFSET = 400;
    private static final int CLIENTS = 6;
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(30);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final Duration JOB_LIMIT = Duration.ofMinutes(6);
    private static final String PASSWORD = "correct horse battery";

    /** One job a client got an id for, and what its last block must print. */
    record Scheduled(ApiClient client, long id, int resultBlock, String expected) {
    }

    /** Every answer the clients got, by phase. */
    static final class Tally {
        final Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong firstOkAfterRestart = new AtomicLong(Long.MAX_VALUE);

        final Map<String, AtomicLong> slowest = new ConcurrentHashMap<>();

        void count(String phase, ApiClient.Reply reply, String what, long restartedAt, long startedNanos) {
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            slowest.computeIfAbsent(phase, k -> new AtomicLong()).accumulateAndGet(millis, Math::max);
            byStatus.computeIfAbsent(phase + " " + reply.status(), k -> new AtomicLong()).incrementAndGet();
            if (reply.status() == 503) {
                unavailable.incrementAndGet();
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                long now = System.nanoTime();
                if (restartedAt != 0 && now > restartedAt) {
                    firstOkAfterRestart.accumulateAndGet(now, Math::min);
                }
                return;
            }
            String error = errorOf(reply.body());
            if (reply.status() != 503 || error == null || error.isBlank()) {
                bad.add(what + " -> " + reply.status() + " " + abbreviate(reply.body()));
            }
        }
    }

    @Test
    void theServiceRidesOutATenSecondDatabaseOutage() throws Exception {
        Assumptions.assumeTrue(TestPostgres.available(), TestPostgres::unavailableReason);
        String server = Deployments.server();
        // the build's WildFly + PostgreSQL run repeats the suite: this test brings its own database either way
        String run = server + (System.getProperty("it.postgres.dir", "").isBlank() ? "" : "-pgrun");
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("outage-" + run);
        Path war = Deployments.exportWarWithTestBlocks(work.resolve("war"));
        Path config = Path.of(System.getProperty("server.config.dir", "server-config")).toAbsolutePath();
        Path driver = Path.of(System.getProperty("project.basedir", ".")).resolve("target/postgresql.jar")
                .toAbsolutePath();
        Path installation = server.equals("wildfly")
                ? ServerProcess.wildflyConfiguredWith("postgresql.cli", work.resolve("wildfly-postgresql"))
                : Path.of(System.getProperty("payara.micro.jar"));

        // a fresh database numbers jobs from 1 again: job folders of an earlier run must not be taken for theirs
        Folders.deleteRecursively(work.resolve("data"));
        try (TestPostgres postgres = TestPostgres.start(work.resolve("postgres"))) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("EEGWF_DB_URL", postgres.jdbcUrl(),
                    "EEGWF_DB_USER", postgres.user(), "EEGWF_DB_PASSWORD", postgres.password()));
            if (server.equals("payara")) {
                // the README's Payara Micro command with the PostgreSQL commands instead of the H2 ones (the last
                // --postbootcommandfile counts) and the driver on its class path
                env.put("EEGWF_SERVER_ARGS", "--addlibs " + driver + " --postbootcommandfile "
                        + config.resolve("payara/post-boot-commands-postgresql.asadmin"));
            }
            try (ServerProcess started = ServerProcess.start(server, installation, war, work.resolve("data"),
                    PORT_OFFSET, env)) {
                run(started, postgres);
            }
        }
    }

    private void run(ServerProcess serverProcess, TestPostgres postgres) throws Exception {
        List<ApiClient> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ApiClient client = new ApiClient(serverProcess.base());
            String email = "outage-" + i + "-" + UUID.randomUUID() + "@example.org";
            client.register(email, "Outage " + i, PASSWORD);
            client.login(email, PASSWORD);
            users.add(client);
        }

        Tally tally = new Tally();
        ConcurrentLinkedQueue<Scheduled> scheduled = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> transportErrors = new ConcurrentLinkedQueue<>();
        AtomicLong restartedAt = new AtomicLong();
        AtomicReference<String> phase = new AtomicReference<>("before");
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ApiClient client = users.get(i);
            int number = i;
            Thread thread = new Thread(() -> clientLoop(client, number, tally, scheduled, transportErrors, phase,
                    restartedAt, stopAt), "outage-client-" + i);
            thread.start();
            threads.add(thread);
        }

        ApiClient.pause(WARM_UP);
        long runningAtStop = users.stream().mapToLong(this::runningJobs).sum();
        Instant down = Instant.now();
        phase.set("during");
        postgres.stopFast();
        System.out.println("OUTAGE PostgreSQL stopped (fast) at " + down + " with " + runningAtStop
                + " jobs of the clients RUNNING");
        ApiClient.pause(OUTAGE);
        postgres.start();
        restartedAt.set(System.nanoTime());
        Instant up = Instant.now();
        phase.set("after");
        System.out.println("OUTAGE PostgreSQL started again at " + up + " (down " + Duration.between(down, up)
                .toMillis() + " ms)");

        // health comes back by itself, without restarting the server
        ApiClient anonymous = new ApiClient(serverProcess.base());
        Instant healthDeadline = up.plus(RECOVERY_LIMIT);
        Instant healthy = null;
        while (Instant.now().isBefore(healthDeadline)) {
            ApiClient.Reply health = anonymous.get("api/health");
            if (health.status() == 200) {
                healthy = Instant.now();
                break;
            }
            assertEquals(503, health.status(), health.body());
            assertNotNull(errorOf(health.body()), health.body());
            ApiClient.pause(Duration.ofMillis(250));
        }
        assertNotNull(healthy, "health not 200 within " + RECOVERY_LIMIT + " after the database came back; log:\n"
                + serverProcess.tail());

        ApiClient.pause(AFTER);
        stopAt.set(System.nanoTime());
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(3).toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " hangs");
        }

        long firstOk = tally.firstOkAfterRestart.get();
        System.out.println("OUTAGE answers by phase and status: " + new TreeMap<>(tally.byStatus));
        System.out.println("OUTAGE 503 answers: " + tally.unavailable.get());
        System.out.println("OUTAGE first 2xx after the database came back: "
                + (firstOk == Long.MAX_VALUE ? "none" : (firstOk - restartedAt.get()) / 1_000_000 + " ms"));
        System.out.println("OUTAGE health 200 again after " + Duration.between(up, healthy).toMillis() + " ms");
        assertTrue(transportErrors.isEmpty(), "requests without an answer: " + transportErrors);
        assertTrue(tally.bad.isEmpty(), "answers other than 2xx or a JSON 503: " + tally.bad);
        System.out.println("OUTAGE slowest answer by phase (ms): " + new TreeMap<>(tally.slowest));

        // every job a client got an id for ends right; a job caught by the outage may fail, and then completes on
        // restart
        int completed = 0;
        int failedThenCompleted = 0;
        List<String> failures = new ArrayList<>();
        for (Scheduled job : scheduled) {
            JsonObject details = job.client().awaitJob(job.id(), JOB_LIMIT, Duration.ofMillis(500));
            String status = details.getString("status");
            if (status.equals("FAILED")) {
                String error = details.getString("error", "");
                failures.add(job.id() + ": " + error);
                assertFalse(error.isBlank(), "a FAILED job says why: " + details);
                Instant started = Instant.parse(details.getString("startTime"));
                assertTrue(started.isBefore(up), "only a job that ran during the outage may fail: " + details);
                assertEquals(200, job.client().postEmpty("api/workflow/jobs/" + job.id() + "/restart").status());
                details = job.client().awaitJob(job.id(), JOB_LIMIT, Duration.ofMillis(500));
                assertEquals("COMPLETED", details.getString("status"), "restarted: " + details);
                failedThenCompleted++;
            } else {
                assertEquals("COMPLETED", status, details.toString());
                completed++;
            }
            assertEquals(job.expected(), ApiClient.blocks(details).get(job.resultBlock()).getJsonObject("output")
                    .getString("value"), details.toString());
        }

        // no job lost, none twice, none the clients were not told about
        int listed = 0;
        for (ApiClient user : users) {
            JsonArray list = user.get("api/workflow/schedule").jsonArray();
            List<Long> ids = list.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValueExact()).toList();
            Set<Long> unique = new HashSet<>(ids);
            assertEquals(ids.size(), unique.size(), "a job listed twice: " + ids);
            Set<Long> expected = new HashSet<>();
            scheduled.stream().filter(s -> s.client() == user).forEach(s -> expected.add(s.id()));
            assertEquals(expected, unique, "the user's list is exactly the jobs they got an id for");
            listed += ids.size();
        }

        // new jobs run
        ApiClient fresh = users.get(0);
        long next = fresh.schedule(Workflows.seedExample());
        JsonObject details = fresh.awaitJob(next, Duration.ofMinutes(2));
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        assertEquals("70", ApiClient.blocks(details).get(3).getJsonObject("output").getString("value"));

        System.out.println("OUTAGE jobs the clients got an id for: " + scheduled.size() + " (listed " + listed
                + "): " + completed + " COMPLETED, " + failedThenCompleted + " FAILED by the outage and COMPLETED on"
                + " restart " + failures);
    }

    private long runningJobs(ApiClient user) {
        ApiClient.Reply reply = user.get("api/workflow/schedule");
        if (reply.status() != 200) {
            return 0;
        }
        return reply.jsonArray().stream().filter(v -> v.asJsonObject().getString("status").equals("RUNNING"))
                .count();
    }

    /**
     * One client: schedules a job (the seed's example, or a slower one through a test block), polls it and the job
     * list until it ends, and again, until told to stop. Every answer is tallied.
     */
    private static void clientLoop(ApiClient client, int number, Tally tally, ConcurrentLinkedQueue<Scheduled> scheduled,
                                   ConcurrentLinkedQueue<String> transportErrors,
                                   AtomicReference<String> phase, AtomicLong restartedAt, AtomicLong stopAt) {
        int round = 0;
        while (System.nanoTime() < stopAt.get()) {
            round++;
            boolean slow = (round + number) % 2 == 0;
            String json = slow ? slowWorkflow(number, round) : Workflows.seedExample();
            try {
                long sent = System.nanoTime();
                ApiClient.Reply reply = client.post("api/workflow/schedule", Map.of("workflow", json));
                tally.count(phase.get(), reply, "schedule", restartedAt.get(), sent);
                if (reply.status() != 200) {
                    ApiClient.pause(Duration.ofMillis(200));
                    continue;
                }
                long id = reply.json().getJsonNumber("job_id").longValueExact();
                scheduled.add(new Scheduled(client, id, 3, slow ? expectedSlow(number, round) : "70"));
                while (System.nanoTime() < stopAt.get()) {
                    long asked = System.nanoTime();
                    ApiClient.Reply job = client.get("api/workflow/jobs/" + id);
                    tally.count(phase.get(), job, "job " + id, restartedAt.get(), asked);
                    asked = System.nanoTime();
                    ApiClient.Reply list = client.get("api/workflow/schedule");
                    tally.count(phase.get(), list, "list", restartedAt.get(), asked);
                    if (job.status() == 200 && Set.of("COMPLETED", "FAILED", "STOPPED")
                            .contains(job.json().getString("status"))) {
                        break;
                    }
                    ApiClient.pause(Duration.ofMillis(250));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                transportErrors.add(phase.get() + ": " + e);
                ApiClient.pause(Duration.ofMillis(200));
            }
        }
    }

    /** Constant → Sleep (3 s, passes its input on) → Addition with a second constant. */
    private static String slowWorkflow(int number, int round) {
        return new WorkflowJson().constant(1, number).test(2, "Sleep", Map.of("seconds", "3"))
                .edge(1, "output", 2, "in").constant(4, round)
                .arithmetic(3, "Addition").edge(2, "out", 3, "num1").edge(4, "output", 3, "num2").json();
    }

    private static String expectedSlow(int number, int round) {
        return Integer.toString(number + round);
    }

    static String errorOf(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            return value.asJsonObject().getString("error", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
