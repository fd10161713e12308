package org.eegworkflow.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The embedded default keeps everything across a restart: the server is started with the README's run script,
 * stopped, and started again on the same data folder. (A SIGKILL in the middle of a job: CrashSlowIT.)
 */
class RestartIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int PORT_OFFSET = 300;

    @Test
    void usersAndJobsSurviveARestart() {
        String server = Deployments.server();
        Path data = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("restart-" + server);
        String email = "restart-" + UUID.randomUUID() + "@example.org";
        long jobId;
        try (ServerProcess first = ServerProcess.start(server, data, PORT_OFFSET, Map.of())) {
            ApiClient client = first.client();
            client.register(email, "Restart", PASSWORD);
            client.login(email, PASSWORD);
            jobId = client.schedule(Workflows.seedExample());
            JsonObject details = client.awaitJob(jobId, Duration.ofSeconds(60));
            assertEquals("COMPLETED", details.getString("status"), details.toString());
        }

        try (ServerProcess second = ServerProcess.start(server, data, PORT_OFFSET, Map.of())) {
            ApiClient client = second.client();
            client.login(email, PASSWORD);
            JsonArray jobs = client.get("api/workflow/schedule").jsonArray();
            assertEquals(1, jobs.size(), jobs.toString());
            assertEquals(jobId, jobs.getJsonObject(0).getJsonNumber("id").longValueExact());
            JsonObject details = client.get("api/workflow/jobs/" + jobId).json();
            assertEquals("COMPLETED", details.getString("status"));
            assertEquals("70", ApiClient.blocks(details).get(3).getJsonObject("output").getString("value"));

            // the batch job repository survived too: a new job gets a fresh execution id, not one already used
            long next = client.schedule(Workflows.seedExample());
            assertEquals("COMPLETED", client.awaitJob(next, Duration.ofSeconds(60)).getString("status"));
            assertEquals(2, client.get("api/workflow/schedule").jsonArray().size());
        }
    }
}
