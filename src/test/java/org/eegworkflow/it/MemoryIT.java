package org.eegworkflow.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Memory admission on a real server. Runs inside the container so it can give jobs a small memory budget (300 MB,
 * a system property the app reads on every admission) beside test blocks that declare 200 MB each: one such job runs
 * at a time, the others wait QUEUED saying why, and all complete; a job that could never fit fails at once.
 */
@ExtendWith(ArquillianExtension.class)
class MemoryIT {
    private static final String BUDGET = "eegwf.memory.budget.mb";
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Deployment
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks().addClasses(MemoryIT.class, ApiClient.class, WorkflowJson.class);
    }

    @BeforeEach
    void smallBudget() {
        System.setProperty(BUDGET, "300");
    }

    @AfterEach
    void defaultBudget() {
        System.clearProperty(BUDGET);
    }

    private static ApiClient client() {
        return ApiClient.newUser(new ApiClient(URI.create(System.getProperty("eegwf.it.self",
                "http://127.0.0.1:8080/"))));
    }

    private static String hungry(double value, Path gate) {
        return new WorkflowJson().constant(1, value).test(2, "Hungry", Map.of("gate", gate.toString()))
                .edge(1, "output", 2, "in").json();
    }

    private static JsonObject details(ApiClient client, long job) {
        return client.get("api/workflow/jobs/" + job).json();
    }

    /** Waits (with a deadline) until the job's details satisfy the check. */
    private static JsonObject await(ApiClient client, long job, java.util.function.Predicate<JsonObject> check,
                                    String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonObject details = details(client, job);
        while (Instant.now().isBefore(deadline)) {
            details = details(client, job);
            if (check.test(details)) {
                return details;
            }
            ApiClient.pause(Duration.ofMillis(100));
        }
        fail("job " + job + " never " + what + ": " + details);
        return details;
    }

    @Test
    void memoryHungryJobsOfSeveralUsersWaitTheirTurnSayingWhyAndAllComplete() throws Exception {
        Path dir = Files.createTempDirectory("memory-it");
        List<ApiClient> users = new ArrayList<>();
        List<Long> jobs = new ArrayList<>();
        List<Path> gates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiClient user = client();
            Path gate = dir.resolve("gate-" + i);
            users.add(user);
            gates.add(gate);
            jobs.add(user.schedule(hungry(i + 1, gate)));
        }
        // the first runs; the second waits for memory, the third behind it
        await(users.get(0), jobs.get(0), d -> "RUNNING".equals(ApiClient.blocks(d).get(2).getString("status")),
                "ran its hungry block");
        JsonObject second = await(users.get(1), jobs.get(1), d -> d.containsKey("waiting")
                && d.getString("waiting").startsWith("for memory"), "waited for memory");
        assertEquals("QUEUED", second.getString("status"));
        // its hungry block (200 MB) and, as both may run at once on two cores, its constant (32 MB by default)
        assertTrue(second.getString("waiting").startsWith("for memory: needs about "), second.toString());
        assertTrue(second.getString("waiting").contains(" MB free of the 300 MB the server gives jobs"),
                second.toString());
        JsonObject third = details(users.get(2), jobs.get(2));
        assertEquals("QUEUED", third.getString("status"), third.toString());
        assertEquals("for its turn: 1 older job waits to start first", third.getString("waiting"), third.toString());
        assertEquals("QUEUED", details(users.get(1), jobs.get(1)).getString("status"), "still waiting");

        try {
            for (Path gate : gates) {
                Files.createFile(gate);
            }
            for (int i = 0; i < 3; i++) {
                JsonObject done = users.get(i).awaitJob(jobs.get(i), DEADLINE);
                assertEquals("COMPLETED", done.getString("status"), done.toString());
                assertEquals(String.valueOf(i + 1), ApiClient.blocks(done).get(2).getJsonObject("output")
                        .getString("value"), done.toString());
                assertTrue(!done.containsKey("waiting"), done.toString());
            }
        } finally {
            org.eegworkflow.platform.Folders.deleteRecursively(dir);
        }
    }

    @Test
    void aJobThatCouldNeverFitFailsAtOnceSayingWhatItNeedsAndWhatTheServerAllows() {
        ApiClient client = client();
        JsonObject details = client.awaitJob(client.schedule(new WorkflowJson().test(1, "Enormous", Map.of()).json()),
                DEADLINE);
        assertEquals("FAILED", details.getString("status"), details.toString());
        assertTrue(details.getString("error").startsWith("needs about 1024.0 GB for one of its blocks; this server"
                + " allows jobs 300 MB of its "), details.toString());
        assertTrue(details.getString("error").endsWith("so it can never run here"), details.toString());

        JsonObject next = client.awaitJob(client.schedule(new WorkflowJson().constant(1, 2).json()), DEADLINE);
        assertEquals("COMPLETED", next.getString("status"), "the next job runs");
    }
}
