package org.eegworkflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.it.ApiClient;
import org.eegworkflow.it.Deployments;
import org.eegworkflow.it.ServerProcess;
import org.eegworkflow.it.WorkflowJson;
import org.eegworkflow.it.Workflows;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's figures, on the server of this run (mvn -Pbench verify runs it on WildFly and on Payara). It starts
 * the server as the README does, with the test blocks module packaged in, and prints what it measures; the targets
 * live in README, not in assertions, since timings on a shared machine vary. It does assert that every job ends
 * with the right result.
 */
class EngineBench {
    private static final String SERVER = Deployments.server();
    private static final Path WORK = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("bench-" + SERVER);
    private static final int PORT_OFFSET = 500;

    private static void report(String line) {
        System.out.println("BENCH [" + SERVER + "] " + line);
    }

    @Test
    void figures() throws Exception {
        Path war = Deployments.exportWarWithTestBlocks(WORK.resolve("war"));
        double parallelWall;
        long iterations;
        try (ServerProcess server = ServerProcess.start(SERVER, war, WORK.resolve("data-parallel"), PORT_OFFSET,
                Map.of())) {
            // (b) first, on a quiet server: the chain's garbage and compilations would otherwise run beside it
            iterations = calibrate(ApiClient.newUser(server.client()));
            parallelWall = sixteenBusyBlocks(server, iterations, "parallelism = cores");
            seedExampleAlone(server);
            chainOfThousandBlocks(server);
            concurrentClients(server);
        }
        try (ServerProcess serial = ServerProcess.start(SERVER, war, WORK.resolve("data-serial"), PORT_OFFSET,
                Map.of("EEGWF_PARALLELISM", "1"))) {
            double serialWall = sixteenBusyBlocks(serial, iterations, "parallelism = 1");
            report(String.format(Locale.ROOT, "(b) 16 CPU-bound blocks: parallel / one after another = %.2f"
                    + " (target <= 0.6)", parallelWall / serialWall));
        }
    }

    /**
     * (d) The seed's example alone on a quiet server, one job at a time: ms from the schedule request to the job's end
     * (the server's end time), the latency a user feels for a small workflow.
     */
    private void seedExampleAlone(ServerProcess server) {
        ApiClient client = ApiClient.newUser(server.client());
        String seed = Workflows.seedExample();
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < 25; run++) {
            Instant start = Instant.now();
            long jobId = client.schedule(seed);
            JsonObject details = client.awaitJob(jobId, Duration.ofMinutes(2), Duration.ofMillis(20));
            assertEquals("COMPLETED", details.getString("status"));
            assertEquals("70", ApiClient.blocks(details).get(3).getJsonObject("output").getString("value"));
            if (run >= 5) {
                // the first five warm the path up
                ms.add(Duration.between(start, Instant.parse(details.getString("endTime"))).toNanos() / 1e6);
            }
        }
        Collections.sort(ms);
        report(String.format(Locale.ROOT, "(d) seed example alone, schedule to end: median %.1f ms, best %.1f ms"
                + " (20 runs after 5 warm-up)", ms.get(ms.size() / 2), ms.get(0)));
    }

    /** (a) A chain of 1,000 trivial blocks: ms per block from schedule to COMPLETED. */
    private void chainOfThousandBlocks(ServerProcess server) {
        ApiClient client = ApiClient.newUser(server.client());
        WorkflowJson chain = new WorkflowJson().constant(1, 1);
        chain.arithmetic(2, "Addition").edge(1, "output", 2, "num1").edge(1, "output", 2, "num2");
        for (int id = 3; id <= 1000; id++) {
            chain.arithmetic(id, "Addition").edge(id - 1, "output", id, "num1").edge(1, "output", id, "num2");
        }
        String json = chain.json();
        List<Double> perBlock = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            Instant start = Instant.now();
            long jobId = client.schedule(json);
            JsonObject details = awaitQuietly(client, jobId, Duration.ofMinutes(5));
            // the server's end time, not the moment a poll noticed it (same machine, same clock)
            double ms = Duration.between(start, Instant.parse(details.getString("endTime"))).toNanos() / 1e6;
            assertEquals("COMPLETED", details.getString("status"));
            assertEquals("1000", ApiClient.blocks(details).get(1000).getJsonObject("output").getString("value"));
            if (run > 0) {
                perBlock.add(ms / 1000);
            }
            report(String.format(Locale.ROOT, "(a) 1,000-block chain, run %d%s: %.0f ms, %.2f ms per block", run,
                    run == 0 ? " (warm-up)" : "", ms, ms / 1000));
        }
        Collections.sort(perBlock);
        report(String.format(Locale.ROOT, "(a) 1,000-block chain: median %.2f ms per block (target <= 2)",
                perBlock.get(perBlock.size() / 2)));
    }

    /** (b) 16 independent CPU-bound blocks of about 200 ms each: wall time of the job. */
    private double sixteenBusyBlocks(ServerProcess server, long iterations, String label) {
        ApiClient client = ApiClient.newUser(server.client());
        WorkflowJson wide = new WorkflowJson();
        for (int id = 1; id <= 16; id++) {
            wide.test(id, "Busy", Map.of("iterations", Long.toString(iterations)));
        }
        String json = wide.json();
        awaitQuietly(client, client.schedule(json), Duration.ofMinutes(5));
        List<Double> walls = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            JsonObject details = awaitQuietly(client, client.schedule(json), Duration.ofMinutes(5));
            assertEquals("COMPLETED", details.getString("status"));
            walls.add(blockSpan(details));
            lastDetails = details;
        }
        Collections.sort(walls);
        double wall = walls.get(1);
        report(String.format(Locale.ROOT, "(b) 16 blocks of ~200 ms, %s: %.0f ms from first block start to last"
                + " block end (median of 3); blocks took %s ms", label, wall, durations(walls.size() > 0
                ? lastDetails : null)));
        return wall;
    }

    private JsonObject lastDetails;

    private static String durations(JsonObject details) {
        List<Long> ms = new ArrayList<>();
        for (JsonValue value : details.getJsonArray("executionStatus")) {
            ms.add(Duration.between(Instant.parse(value.asJsonObject().getString("startTime")),
                    Instant.parse(value.asJsonObject().getString("endTime"))).toMillis());
        }
        return ms.toString();
    }

    /** Iterations of the Busy block that take about 200 ms on this machine. */
    private long calibrate(ApiClient client) {
        long iterations = 2_000_000;
        for (int i = 0; i < 4; i++) {
            JsonObject details = awaitQuietly(client, client.schedule(new WorkflowJson()
                    .test(1, "Busy", Map.of("iterations", Long.toString(iterations))).json()), Duration.ofMinutes(2));
            double ms = blockSpan(details);
            iterations = Math.max(10_000, (long) (iterations * 200 / Math.max(ms, 1)));
        }
        return iterations;
    }

    private static double blockSpan(JsonObject details) {
        Instant first = null;
        Instant last = null;
        for (JsonValue value : details.getJsonArray("executionStatus")) {
            Instant start = Instant.parse(value.asJsonObject().getString("startTime"));
            Instant end = Instant.parse(value.asJsonObject().getString("endTime"));
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
        }
        return Duration.between(first, last).toMillis();
    }

    /** (c) 20 concurrent clients scheduling the seed's example for 30 s. */
    private void concurrentClients(ServerProcess server) throws Exception {
        int clients = 20;
        Duration length = Duration.ofSeconds(30);
        List<ApiClient> users = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            users.add(ApiClient.newUser(server.client()));
        }
        String seed = Workflows.seedExample();
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<long[]> scheduled = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Instant end = Instant.now().plus(length);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int user = i;
            running.add(pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    long t0 = System.nanoTime();
                    long jobId = users.get(user).schedule(seed);
                    latenciesMicros.add((System.nanoTime() - t0) / 1000);
                    scheduled.add(new long[] {user, jobId});
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        Instant drainStart = Instant.now();
        int completed = 0;
        for (long[] job : scheduled) {
            JsonObject details = awaitQuietly(users.get((int) job[0]), job[1], Duration.ofMinutes(10));
            assertEquals("COMPLETED", details.getString("status"), details.toString());
            assertEquals("70", ApiClient.blocks(details).get(3).getJsonObject("output").getString("value"));
            completed++;
        }
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        report(String.format(Locale.ROOT, "(c) 20 clients x 30 s: %d schedules, %.1f per second; schedule latency"
                        + " p50 %.1f ms, p99 %.1f ms; %d/%d jobs COMPLETED with 70 (drained %d s after the last)",
                sorted.size(), sorted.size() / (double) length.toSeconds(), sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0, completed, scheduled.size(),
                Duration.between(drainStart, Instant.now()).toSeconds()));
    }

    /** Waits for a job, asking seldom: every question costs the server CPU that the measured blocks would miss. */
    private static JsonObject awaitQuietly(ApiClient client, long jobId, Duration timeout) {
        return client.awaitJob(jobId, timeout, Duration.ofMillis(500));
    }
}
