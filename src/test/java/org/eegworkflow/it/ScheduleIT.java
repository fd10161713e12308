package org.eegworkflow.it;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer's Schedule Job call and the job API around it, over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScheduleIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void theSeedExampleAddsFortyAndThirty() {
        ApiClient client = ApiClient.newUser(base);
        long jobId = client.schedule(Workflows.seedExample());
        JsonObject details = client.awaitJob(jobId, DEADLINE);

        assertEquals("COMPLETED", details.getString("status"), details.toString());
        assertEquals(jobId, details.getJsonNumber("id").longValueExact());
        assertFalse(details.getString("startTime").isEmpty());
        assertFalse(details.getString("endTime").isEmpty());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertOutput(blocks.get(1), "40");
        assertOutput(blocks.get(2), "30");
        assertOutput(blocks.get(3), "70");
        assertEquals("Addition", blocks.get(3).getString("type"));
        assertEquals("Arithmetic.zip:Arithmetic", blocks.get(3).getString("module"));
        assertEquals(-97.5000061035156, blocks.get(3).getJsonNumber("x").doubleValue());
        JsonObject workflow = details.getJsonObject("workflow");
        assertEquals(3, workflow.getJsonArray("blocks").size());
        assertEquals(2, workflow.getJsonArray("edges").size());
        assertEquals("70", workflow.getJsonArray("blocks").getJsonObject(2).getJsonObject("output").getString("value"));
    }

    @Test
    void theWorkflowObjectItselfIsAcceptedToo() {
        ApiClient client = ApiClient.newUser(base);
        JsonObject details = client.awaitJob(client.schedule(Workflows.binary("Subtraction", "2.5", "10")), DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        assertOutput(ApiClient.blocks(details).get(3), "-7.5");
    }

    @Test
    void jobsAreListedNewestFirstAndDetailsComeBothWays() {
        ApiClient client = ApiClient.newUser(base);
        long first = client.schedule(Workflows.seedExample());
        long second = client.schedule(Workflows.binary("Multiplication", "6", "7"));
        client.awaitJob(first, DEADLINE);
        JsonObject secondDetails = client.awaitJob(second, DEADLINE);
        assertOutput(ApiClient.blocks(secondDetails).get(3), "42");

        JsonArray list = client.get("api/workflow/schedule").jsonArray();
        List<Long> ids = list.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValueExact()).toList();
        assertEquals(List.of(second, first), ids);
        JsonObject entry = list.getJsonObject(0);
        assertEquals("COMPLETED", entry.getString("status"));
        assertFalse(entry.getString("startTime").isEmpty());
        assertFalse(entry.getString("endTime").isEmpty());

        ApiClient.Reply byForm = client.post("api/workflow/jobs", Map.of("jobId", Long.toString(second)));
        assertEquals(200, byForm.status(), byForm.body());
        assertEquals(secondDetails, byForm.json());
    }

    @Test
    void anotherUsersJobIsNotFound() {
        ApiClient owner = ApiClient.newUser(base);
        long jobId = owner.schedule(Workflows.seedExample());
        owner.awaitJob(jobId, DEADLINE);

        ApiClient stranger = ApiClient.newUser(base);
        ApiClient.Reply byPath = stranger.get("api/workflow/jobs/" + jobId);
        assertEquals(404, byPath.status(), byPath.body());
        assertFalse(byPath.error().isBlank());
        assertEquals(404, stranger.post("api/workflow/jobs", Map.of("jobId", Long.toString(jobId))).status());
        assertTrue(stranger.get("api/workflow/schedule").jsonArray().isEmpty());
        assertEquals(404, stranger.get("api/workflow/jobs/987654321").status(), "same as a job that never existed");
    }

    @Test
    void malformedJsonIsRefusedAndStoresNothing() {
        ApiClient client = ApiClient.newUser(base);
        ApiClient.Reply reply = client.post("api/workflow/schedule", Map.of("workflow", "{\"blocks\": [ {\"id\": 1,"));
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.error().contains("not valid JSON"), reply.body());

        ApiClient.Reply missing = client.post("api/workflow/schedule", Map.of("other", "x"));
        assertEquals(400, missing.status(), missing.body());
        assertTrue(missing.error().startsWith("workflow"), missing.body());

        ApiClient.Reply unknownType = client.post("api/workflow/schedule",
                Map.of("workflow", Workflows.binary("Exponentiation", "1", "2")));
        assertEquals(400, unknownType.status(), unknownType.body());
        assertTrue(unknownType.error().contains("block 3") && unknownType.error().contains("Exponentiation"),
                unknownType.body());

        assertEquals(JsonValue.EMPTY_JSON_ARRAY, client.get("api/workflow/schedule").jsonArray(),
                "no job was stored for any of them");
    }

    @Test
    void divisionByZeroFailsThatBlockWithAClearError() {
        ApiClient client = ApiClient.newUser(base);
        JsonObject details = client.awaitJob(client.schedule(Workflows.binary("Division", "1", "0")), DEADLINE);
        assertEquals("FAILED", details.getString("status"), details.toString());
        JsonObject division = ApiClient.blocks(details).get(3);
        assertTrue(division.getBoolean("error"));
        assertFalse(division.getBoolean("completed"));
        assertTrue(division.getString("stderr").contains("Division by zero"), division.toString());
        assertOutput(ApiClient.blocks(details).get(1), "1");
    }

    private static void assertOutput(JsonObject block, String value) {
        assertTrue(block.getBoolean("completed"), block.toString());
        assertFalse(block.getBoolean("error"), block.toString());
        JsonObject output = block.getJsonObject("output");
        assertEquals("STRING", output.getString("type"));
        assertEquals(value, output.getString("value"));
    }
}
