package org.eegworkflow.it;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The per-block time limit. Runs inside the container so it can lower the limit (a system property the app reads on
 * every block) to two seconds for its own jobs, which it then schedules over HTTP like any client.
 */
@ExtendWith(ArquillianExtension.class)
class BlockTimeoutIT {
    private static final String LIMIT = "eegwf.block.timeout.seconds";

    @Deployment
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks().addClasses(BlockTimeoutIT.class, ApiClient.class, WorkflowJson.class);
    }

    @BeforeEach
    void shortLimit() {
        System.setProperty(LIMIT, "2");
    }

    @AfterEach
    void defaultLimit() {
        System.clearProperty(LIMIT);
    }

    private static ApiClient client() {
        return ApiClient.newUser(new ApiClient(URI.create(System.getProperty("eegwf.it.self",
                "http://127.0.0.1:8080/"))));
    }

    @Test
    void aBlockPastTheLimitFailsAndTheJobEnds() {
        ApiClient client = client();
        String json = new WorkflowJson().test(1, "Sleep", Map.of("seconds", "30"))
                .constant(2, 1).arithmetic(3, "Addition").edge(2, "output", 3, "num1").edge(2, "output", 3, "num2")
                .json();
        Instant start = Instant.now();
        JsonObject details = client.awaitJob(client.schedule(json), Duration.ofSeconds(20));
        assertEquals("FAILED", details.getString("status"));
        JsonObject sleep = ApiClient.blocks(details).get(1);
        assertEquals("timed out after 2 s", sleep.getString("stderr"));
        assertEquals("2", ApiClient.blocks(details).get(3).getJsonObject("output").getString("value"),
                "the other branch finished");
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 15, "the job did not wait for the block");
    }

    @Test
    void aBlockThatIgnoresInterruptionStillCannotHoldItsJob() {
        ApiClient client = client();
        Instant start = Instant.now();
        JsonObject details = client.awaitJob(client.schedule(new WorkflowJson()
                .test(1, "Stubborn", Map.of("seconds", "8")).json()), Duration.ofSeconds(20));
        assertEquals("FAILED", details.getString("status"));
        assertEquals("timed out after 2 s", ApiClient.blocks(details).get(1).getString("stderr"));
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 7, "ended before the block gave up");
    }
}
