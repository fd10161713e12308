package org.eegworkflow.it;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
 * The result cache on the server: the unchanged study run again reuses every block and element and takes a small
 * part of the first run's time (both printed); a changed property re-runs that block and what depends on it, saying
 * why; a deleted job's results are still reused; another user's are not; {@code cache=false} runs everything.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResultCacheIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    /** Split (1) -> Scale x2, 1.5 s (2) -> Scale x{@code factor}, 1.5 s (3) -> Total (4). */
    private static String study(String factor) {
        return new WorkflowJson().test(1, "Split", Map.of("elements", "sub-01=1, sub-02=2, sub-03=3"))
                .test(2, "Scale", Map.of("factor", "2", "ms", "1500")).edge(1, "numbers", 2, "in")
                .test(3, "Scale", Map.of("factor", factor, "ms", "1500")).edge(2, "out", 3, "in")
                .test(4, "Total", Map.of()).edge(3, "out", 4, "values").json();
    }

    private static long schedule(ApiClient client, String workflow, String cache) {
        ApiClient.Reply reply = client.post("api/workflow/schedule", cache == null ? Map.of("workflow", workflow)
                : Map.of("workflow", workflow, "cache", cache));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonNumber("job_id").longValueExact();
    }

    /** The job's own time on the server, from its start to its end. */
    private static Duration serverTime(JsonObject details) {
        return Duration.between(Instant.parse(details.getString("startTime")),
                Instant.parse(details.getString("endTime")));
    }

    private static JsonObject completed(ApiClient client, long jobId) {
        JsonObject details = client.awaitJob(jobId, DEADLINE, Duration.ofMillis(20));
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        return details;
    }

    private static boolean reused(JsonObject result) {
        return result.get("reusedFrom") instanceof JsonObject;
    }

    @Test
    void theUnchangedStudyIsReusedAndAChangedPropertyRunsOnlyWhatDependsOnIt() {
        ApiClient client = ApiClient.newUser(base);
        Instant firstStart = Instant.now();
        long first = schedule(client, study("10"), null);
        JsonObject firstRun = completed(client, first);
        Duration firstWall = Duration.between(firstStart, Instant.now());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(firstRun);
        assertEquals("total of 3: 120.0", blocks.get(4).getJsonObject("output").getString("value"));
        assertEquals(JsonValue.NULL, blocks.get(4).get("reusedFrom"));
        assertEquals("not run before", blocks.get(4).getString("ranBecause"));

        Instant secondStart = Instant.now();
        long second = schedule(client, study("10"), null);
        JsonObject secondRun = completed(client, second);
        Duration secondWall = Duration.between(secondStart, Instant.now());
        blocks = ApiClient.blocks(secondRun);
        for (JsonObject block : blocks.values()) {
            assertTrue(reused(block), "block " + block.getInt("id") + " was reused: " + block);
            if (block.containsKey("elements")) {
                block.getJsonArray("elements").forEach(e -> assertTrue(reused(e.asJsonObject()), e.toString()));
            }
        }
        assertEquals(first, blocks.get(4).getJsonObject("reusedFrom").getJsonNumber("job").longValueExact());
        assertEquals(4, blocks.get(4).getJsonObject("reusedFrom").getInt("block"));
        assertEquals("total of 3: 120.0", blocks.get(4).getJsonObject("output").getString("value"));
        System.out.printf("ResultCacheIT: first run %d ms (server %d ms), unchanged re-run %d ms (server %d ms):"
                        + " %.1f %% of the first%n", firstWall.toMillis(), serverTime(firstRun).toMillis(),
                secondWall.toMillis(), serverTime(secondRun).toMillis(),
                100.0 * serverTime(secondRun).toMillis() / serverTime(firstRun).toMillis());
        assertTrue(serverTime(secondRun).toMillis() * 20 < serverTime(firstRun).toMillis(),
                "the cached run takes under 5 % of the first: " + serverTime(secondRun) + " vs "
                        + serverTime(firstRun));

        long changed = schedule(client, study("20"), null);
        blocks = ApiClient.blocks(completed(client, changed));
        assertTrue(reused(blocks.get(1)) && reused(blocks.get(2)), "upstream of the change: reused");
        assertTrue(!reused(blocks.get(3)) && !reused(blocks.get(4)), "the changed block and what depends on it ran");
        JsonObject element = blocks.get(3).getJsonArray("elements").getJsonObject(0);
        assertEquals("property 'factor' changed: 10 -> 20", element.getString("ranBecause"));
        assertEquals("input 'values' changed", blocks.get(4).getString("ranBecause"));
        assertEquals("total of 3: 240.0", blocks.get(4).getJsonObject("output").getString("value"));

        // the first job deleted: what other jobs may reuse stays
        ApiClient.Reply deleted = client.delete("api/workflow/jobs/" + first);
        assertEquals(2, deleted.status() / 100, deleted.body());
        blocks = ApiClient.blocks(completed(client, schedule(client, study("10"), null)));
        assertTrue(reused(blocks.get(4)), blocks.get(4).toString());
        assertEquals("total of 3: 120.0", blocks.get(4).getJsonObject("output").getString("value"));

        // cache=false: everything runs
        blocks = ApiClient.blocks(completed(client, schedule(client, study("10"), "false")));
        for (JsonObject block : blocks.values()) {
            assertTrue(!reused(block), block.toString());
            assertEquals(JsonValue.NULL, block.get("ranBecause"), "the cache was off");
        }
        // another user gets nothing of this one's
        ApiClient other = ApiClient.newUser(base);
        blocks = ApiClient.blocks(completed(other, schedule(other, study("10"), null)));
        assertTrue(!reused(blocks.get(1)), blocks.get(1).toString());
        assertEquals(List.of("not run before"), List.of(blocks.get(4).getString("ranBecause")));
    }

    @Test
    void aCacheFieldThatIsNeitherTrueNorFalseIsA400() {
        ApiClient client = ApiClient.newUser(base);
        ApiClient.Reply reply = client.post("api/workflow/schedule", Map.of("workflow", study("10"), "cache", "yes"));
        assertEquals(400, reply.status(), reply.body());
        assertEquals("field 'cache' must be true or false, got 'yes'", reply.error());
    }
}
