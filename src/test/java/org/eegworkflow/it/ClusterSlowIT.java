package org.eegworkflow.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.eegworkflow.platform.Folders;
import org.eegworkflow.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scale-out: two WildFly nodes, started with the README's run script from a WildFly configured with
 * server-config/wildfly/postgresql.cli, on one PostgreSQL and one data folder. Jobs scheduled on both at once all
 * complete, with distinct ids, each user seeing their own from either node; a node killed under a running job has that
 * job failed by the other once its heartbeat stands still, and the job is restarted there; a node started again
 * leaves the other's jobs alone; a stop asked for on one node stops a job running on the other, whose events the first
 * node streams from the database. WildFly only: a Payara pair works the same way (README) but is not tested here.
 */
@EnabledIfSystemProperty(named = "it.server", matches = "wildfly",
        disabledReason = "the cluster test runs two WildFly nodes; it runs in the WildFly pass")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSlowIT {
    private static final int OFFSET_A = 600;
    private static final int OFFSET_B = 700;
    /** Short, so the test need not wait a minute, yet long enough that a busy machine keeps live nodes alive. */
    private static final int NODE_TIMEOUT_SECONDS = 20;
    private static final String PASSWORD = "correct horse battery";

    private Path work;
    private Path home;
    private Path war;
    private Path data;
    private TestPostgres postgres;
    private ServerProcess nodeA;
    private ServerProcess nodeB;

    @BeforeAll
    void startTwoNodes() {
        assumeTrue(TestPostgres.available(), () -> TestPostgres.unavailableReason() + ": test skipped");
        work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("cluster").toAbsolutePath();
        home = ServerProcess.wildflyConfiguredWith("postgresql.cli", work.resolve("wildfly"));
        war = Deployments.exportWarWithTestBlocks(work.resolve("war"));
        Folders.deleteRecursively(work.resolve("data"));
        data = work.resolve("data");
        postgres = TestPostgres.start(work.resolve("postgres"));
        // one after the other: the first creates the schema and the batch repository's tables
        nodeA = start("node-a", OFFSET_A);
        nodeB = start("node-b", OFFSET_B);
    }

    @AfterAll
    void stopAll() {
        for (ServerProcess node : new ServerProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void jobsScheduledOnBothNodesAtOnceAllCompleteWithDistinctIdsAndEachUserSeesOnlyTheirs() throws Exception {
        int users = 4;
        int jobsPerUser = 10;
        List<ApiClient[]> clients = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            ApiClient onA = new ApiClient(nodeA.base());
            String email = "cluster-" + u + "-" + UUID.randomUUID() + "@example.org";
            onA.register(email, "User " + u, PASSWORD);
            onA.login(email, PASSWORD);
            clients.add(new ApiClient[] {onA, sameUserOn(nodeB, onA)});
        }
        record Scheduled(int user, int node, long id, String expected) {
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Scheduled>> futures = new ArrayList<>();
        Instant start = Instant.now();
        try {
            for (int k = 0; k < jobsPerUser; k++) {
                for (int u = 0; u < users; u++) {
                    int user = u;
                    int node = (u + k) % 2;
                    int value = 100 * (u + 1) + k;
                    boolean seed = k % 4 == 0;
                    String json = seed ? Workflows.seedExample() : new WorkflowJson().constant(1, value)
                            .test(2, "Sleep", Map.of("seconds", "0.5")).edge(1, "output", 2, "in")
                            .arithmetic(3, "Addition").edge(2, "out", 3, "num1").edge(1, "output", 3, "num2")
                            .json();
                    String expected = seed ? "70" : Integer.toString(2 * value);
                    futures.add(pool.submit(() -> new Scheduled(user, node,
                            clients.get(user)[node].schedule(json), expected)));
                }
            }
            List<Scheduled> scheduled = new ArrayList<>();
            for (Future<Scheduled> future : futures) {
                scheduled.add(future.get(5, TimeUnit.MINUTES));
            }
            Duration scheduling = Duration.between(start, Instant.now());

            Set<Long> ids = scheduled.stream().map(Scheduled::id).collect(Collectors.toSet());
            assertEquals(users * jobsPerUser, ids.size(), "two jobs got one id: " + scheduled);
            for (Scheduled job : scheduled) {
                // read from the node that did not accept it: the details come from the shared database
                ApiClient other = clients.get(job.user())[1 - job.node()];
                JsonObject details = other.awaitJob(job.id(), Duration.ofMinutes(5), Duration.ofMillis(250));
                assertEquals("COMPLETED", details.getString("status"), details.toString());
                assertEquals(job.expected(), ApiClient.blocks(details).get(3).getJsonObject("output")
                        .getString("value"), "job " + job.id());
            }
            Duration total = Duration.between(start, Instant.now());
            for (int u = 0; u < users; u++) {
                int user = u;
                Set<Long> own = scheduled.stream().filter(j -> j.user() == user).map(Scheduled::id)
                        .collect(Collectors.toSet());
                for (ApiClient client : clients.get(u)) {
                    Set<Long> listed = new HashSet<>();
                    client.get("api/workflow/schedule").jsonArray()
                            .forEach(j -> listed.add(j.asJsonObject().getJsonNumber("id").longValueExact()));
                    assertEquals(own, listed, "user " + u + " on " + client.base());
                }
            }
            System.out.printf("CLUSTER %d jobs of %d users on 2 nodes: scheduled in %d ms, all COMPLETED after %d ms;"
                    + " ids %d..%d%n", scheduled.size(), users, scheduling.toMillis(), total.toMillis(),
                    ids.stream().min(Comparator.naturalOrder()).orElseThrow(),
                    ids.stream().max(Comparator.naturalOrder()).orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void aRunningJobOfAKilledNodeIsFailedByTheOtherAndRestartedThere() {
        ApiClient onA = newUser(nodeA);
        ApiClient onB = sameUserOn(nodeB, onA);
        String json = new WorkflowJson().constant(1, 4)
                .test(2, "SlowOnce", Map.of()).edge(1, "output", 2, "in")
                .arithmetic(3, "Addition").edge(2, "out", 3, "num1").edge(1, "output", 3, "num2").json();
        long jobId = onA.schedule(json);
        EngineIT.awaitBlockStatus(onA, jobId, 2, "RUNNING");
        Instant killed = Instant.now();
        nodeA.kill();
        nodeA = null;

        JsonObject failed = onB.awaitJob(jobId, Duration.ofMinutes(2), Duration.ofMillis(250));
        Duration noticed = Duration.between(killed, Instant.now());
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertTrue(failed.getString("error").contains("node node-a stopped answering"), failed.getString("error"));
        assertEquals("COMPLETED", ApiClient.blocks(failed).get(1).getString("status"));
        assertEquals("FAILED", ApiClient.blocks(failed).get(2).getString("status"));
        assertTrue(ApiClient.blocks(failed).get(2).getString("stderr").contains("node-a"), failed.toString());

        assertEquals(200, onB.postEmpty("api/workflow/jobs/" + jobId + "/restart").status());
        JsonObject restarted = onB.awaitJob(jobId, Duration.ofMinutes(2));
        assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        assertEquals(1, ApiClient.blocks(restarted).get(1).getInt("attempt"), "the finished block was reused");
        assertEquals(2, ApiClient.blocks(restarted).get(2).getInt("attempt"));
        assertEquals("8", ApiClient.blocks(restarted).get(3).getJsonObject("output").getString("value"));
        System.out.printf("CLUSTER node-a killed: its running job FAILED on node-b after %d ms (timeout %d s);"
                + " restarted there and COMPLETED%n", noticed.toMillis(), NODE_TIMEOUT_SECONDS);
    }

    @Test
    @Order(3)
    void aNodeStartedAgainLeavesTheOthersJobsAloneAndAStopOnOneNodeStopsAJobOnTheOther() throws Exception {
        ApiClient onB = newUser(nodeB);
        // runs until the test opens the gate, however long node-a takes to start
        Path gate = work.resolve("gate-" + UUID.randomUUID());
        String slow = new WorkflowJson().constant(1, 5)
                .test(2, "Gate", Map.of("gate", gate.toString())).edge(1, "output", 2, "in")
                .arithmetic(3, "Addition").edge(2, "out", 3, "num1").edge(1, "output", 3, "num2").json();
        long onBsJob = onB.schedule(slow);
        EngineIT.awaitBlockStatus(onB, onBsJob, 2, "RUNNING");

        nodeA = start("node-a", OFFSET_A);
        ApiClient onA = sameUserOn(nodeA, onB);
        assertEquals("RUNNING", onA.get("api/workflow/jobs/" + onBsJob).json().getString("status"),
                "node-a's start-up recovery took node-b's job");

        String long_ = new WorkflowJson().test(1, "Sleep", Map.of("seconds", "1"))
                .test(2, "Sleep", Map.of("seconds", "300")).edge(1, "out", 2, "in").json();
        long onAsJob = onA.schedule(long_);
        CompletableFuture<List<ApiClient.Event>> events = onB.events(onAsJob, Duration.ofSeconds(120));
        EngineIT.awaitBlockStatus(onA, onAsJob, 2, "RUNNING");
        Instant asked = Instant.now();
        assertEquals(200, onB.postEmpty("api/workflow/jobs/" + onAsJob + "/stop").status());
        JsonObject stopped = onB.awaitJob(onAsJob, Duration.ofSeconds(60), Duration.ofMillis(100));
        Duration stopping = Duration.between(asked, Instant.now());
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        assertEquals("STOPPED", onA.get("api/workflow/jobs/" + onAsJob).json().getString("status"));

        // node-b streamed the job it does not run, from the database: block 1's end, then the job's
        List<ApiClient.Event> streamed = events.get(60, TimeUnit.SECONDS);
        ApiClient.Event last = streamed.get(streamed.size() - 1);
        assertEquals("job", last.name(), "the stream ends with the job");
        assertEquals("STOPPED", last.json().getString("status"));
        assertTrue(streamed.stream().anyMatch(e -> "block".equals(e.name()) && e.json().getInt("blockId") == 1
                && "COMPLETED".equals(e.json().getString("status"))), "block 1's end was streamed: " + streamed);

        assertEquals("RUNNING", onB.get("api/workflow/jobs/" + onBsJob).json().getString("status"));
        Files.createFile(gate);
        JsonObject completed = onB.awaitJob(onBsJob, Duration.ofMinutes(2));
        assertEquals("COMPLETED", completed.getString("status"), completed.toString());
        assertEquals(1, completed.getInt("attempts"), "node-b's job ran once, on node-b");
        assertEquals("10", ApiClient.blocks(completed).get(3).getJsonObject("output").getString("value"));
        System.out.printf("CLUSTER stop asked on node-b for a job on node-a: STOPPED after %d ms; %d events streamed"
                + " by node-b%n", stopping.toMillis(), streamed.size());
    }

    private ServerProcess start(String node, int offset) {
        return ServerProcess.start("wildfly", home, war, data, offset, Map.of(
                "EEGWF_NODE", node,
                "EEGWF_SERVER_DIR", data.resolve("server-" + node).toString(),
                "EEGWF_DB_URL", postgres.jdbcUrl(),
                "EEGWF_DB_USER", postgres.user(),
                "EEGWF_DB_PASSWORD", postgres.password(),
                "EEGWF_NODE_HEARTBEAT_SECONDS", "1",
                "EEGWF_NODE_TIMEOUT_SECONDS", Integer.toString(NODE_TIMEOUT_SECONDS)));
    }

    private static ApiClient newUser(ServerProcess node) {
        ApiClient client = new ApiClient(node.base());
        String email = "cluster-" + UUID.randomUUID() + "@example.org";
        client.register(email, "Researcher", PASSWORD);
        client.login(email, PASSWORD);
        return client;
    }

    /** The same user on another node, with the same token: sessions live in the database, not in a node. */
    private static ApiClient sameUserOn(ServerProcess node, ApiClient client) {
        return new ApiClient(node.base()).useToken(client.token(), false);
    }

}
