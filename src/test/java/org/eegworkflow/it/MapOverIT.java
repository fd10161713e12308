package org.eegworkflow.it;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Map over on the server: a collection's elements run the mapped blocks once each, the job details list them per
 * element, the event stream carries element events, one failed element fails only its own chain (the gathering block
 * does not run), and a restart runs only that element before the gathering block completes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MapOverIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    /** Split (block 1) -> FlakyOn (2) -> Addition with the constant 10 (3, 4) -> Total (5). */
    private static String study(Map<String, String> flaky) {
        return new WorkflowJson().test(1, "Split", Map.of("elements", "sub-01=1, sub-02=2, sub-03=3"))
                .test(2, "FlakyOn", flaky).edge(1, "numbers", 2, "in")
                .constant(3, 10).arithmetic(4, "Addition").edge(2, "out", 4, "num1").edge(3, "output", 4, "num2")
                .test(5, "Total", Map.of()).edge(4, "output", 5, "values").json();
    }

    private static Map<String, JsonObject> elements(JsonObject block) {
        Map<String, JsonObject> byKey = new java.util.LinkedHashMap<>();
        block.getJsonArray("elements").forEach(v -> byKey.put(v.asJsonObject().getString("key"), v.asJsonObject()));
        return byKey;
    }

    @Test
    void everyElementRunsAndTheGatheringBlockSumsThem() {
        ApiClient client = ApiClient.newUser(base);
        long jobId = client.schedule(study(Map.of()));
        CompletableFuture<List<ApiClient.Event>> stream = client.events(jobId, DEADLINE);
        JsonObject details = client.awaitJob(jobId, DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertEquals("total of 3: 42.0", blocks.get(5).getJsonObject("output").getString("value"));
        assertEquals("3 of 3 elements completed", blocks.get(2).getJsonObject("output").getString("value"));
        Map<String, JsonObject> elements = elements(blocks.get(2));
        assertEquals(List.of("sub-01", "sub-02", "sub-03"), List.copyOf(elements.keySet()));
        assertEquals("doubled 2.0", elements.get("sub-02").getJsonObject("output").getString("value"));
        assertEquals("ran for 2.0\n", elements.get("sub-02").getString("stdout"));
        assertEquals(3, elements(blocks.get(4)).size());
        assertTrue(!blocks.get(5).containsKey("elements"), "the gathering block runs once");

        List<ApiClient.Event> events = stream.join();
        long elementEvents = events.stream().filter(e -> e.name().equals("element")).count();
        assertEquals(6, elementEvents, events.toString());
    }

    @Test
    void oneFailedElementFailsOnlyItsChainAndARestartRunsOnlyIt() {
        ApiClient client = ApiClient.newUser(base);
        long jobId = client.schedule(study(Map.of("fail on", "2")));
        JsonObject failed = client.awaitJob(jobId, DEADLINE);
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertTrue(failed.getString("error").contains("block 2 (FlakyOn), element sub-02: failing on purpose"),
                failed.getString("error"));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(failed);
        Map<String, JsonObject> downstream = elements(blocks.get(4));
        assertEquals("COMPLETED", downstream.get("sub-01").getString("status"));
        assertEquals("FAILED", downstream.get("sub-02").getString("status"));
        assertEquals("not run: upstream block 2 failed for this element", downstream.get("sub-02")
                .getString("stderr"));
        assertEquals("COMPLETED", downstream.get("sub-03").getString("status"));
        assertEquals("not run: 1 element it gathers failed upstream (sub-02)", blocks.get(5).getString("stderr"));

        assertEquals(200, client.postEmpty("api/workflow/jobs/" + jobId + "/restart").status());
        JsonObject restarted = client.awaitJob(jobId, DEADLINE);
        assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        blocks = ApiClient.blocks(restarted);
        assertEquals("total of 3: 42.0", blocks.get(5).getJsonObject("output").getString("value"));
        Map<String, JsonObject> again = elements(blocks.get(2));
        assertEquals(1, again.get("sub-01").getInt("attempt"), "reused, not run again");
        assertEquals(2, again.get("sub-02").getInt("attempt"), "the failed element ran again");
        assertEquals(1, again.get("sub-03").getInt("attempt"));
        assertEquals("3 of 3 elements completed (2 reused from an earlier attempt)",
                blocks.get(2).getJsonObject("output").getString("value"));
    }

    @Test
    void inputsFromTwoCollectionsAreA400() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().test(1, "Split", Map.of()).test(2, "Split", Map.of())
                .arithmetic(3, "Addition").edge(1, "numbers", 3, "num1").edge(2, "numbers", 3, "num2").json();
        ApiClient.Reply reply = client.post("api/workflow/schedule", Map.of("workflow", json));
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.error().startsWith("block 3 (Addition) is fed by collections of different blocks"),
                reply.error());
    }
}
