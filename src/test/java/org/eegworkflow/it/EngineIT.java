package org.eegworkflow.it;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The workflow engine over HTTP: graphs, failures, job control, live events and artefacts. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EngineIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    private static String output(JsonObject block) {
        assertTrue(block.getBoolean("completed"), block.toString());
        return block.getJsonObject("output").getString("value");
    }

    @Test
    void aDiamondComputesEveryBranchOnce() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().constant(1, 3)
                .arithmetic(2, "Addition").edge(1, "output", 2, "num1").edge(1, "output", 2, "num2")
                .arithmetic(3, "Multiplication").edge(1, "output", 3, "num1").edge(1, "output", 3, "num2")
                .arithmetic(4, "Addition").edge(2, "output", 4, "num1").edge(3, "output", 4, "num2").json();
        JsonObject details = client.awaitJob(client.schedule(json), DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertEquals("6", output(blocks.get(2)));
        assertEquals("9", output(blocks.get(3)));
        assertEquals("15", output(blocks.get(4)));
    }

    @Test
    void aWideFanOutCompletesEveryBlock() {
        ApiClient client = ApiClient.newUser(base);
        WorkflowJson workflow = new WorkflowJson().constant(1, 21);
        for (int id = 2; id <= 101; id++) {
            workflow.arithmetic(id, "Addition").edge(1, "output", id, "num1").edge(1, "output", id, "num2");
        }
        JsonObject details = client.awaitJob(client.schedule(workflow.json()), DEADLINE);
        assertEquals("COMPLETED", details.getString("status"));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertEquals(101, blocks.size());
        for (int id = 2; id <= 101; id++) {
            assertEquals("42", output(blocks.get(id)), "block " + id);
        }
    }

    @Test
    void aFailureFailsOnlyWhatDependsOnIt() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().constant(1, 1).constant(2, 0)
                .arithmetic(3, "Division").edge(1, "output", 3, "num1").edge(2, "output", 3, "num2")
                .arithmetic(4, "Addition").edge(3, "output", 4, "num1").edge(1, "output", 4, "num2")
                .arithmetic(5, "Multiplication").edge(1, "output", 5, "num1").edge(1, "output", 5, "num2").json();
        JsonObject details = client.awaitJob(client.schedule(json), DEADLINE);
        assertEquals("FAILED", details.getString("status"));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertTrue(blocks.get(3).getBoolean("error"));
        assertTrue(blocks.get(3).getString("stderr").contains("Division by zero"));
        assertTrue(blocks.get(4).getBoolean("error"));
        assertEquals("not run: upstream block 3 failed", blocks.get(4).getString("stderr"));
        assertEquals("1", output(blocks.get(5)), "the independent branch finished");
    }

    @Test
    void aStoppedJobStopsWithinSeconds() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().test(1, "Sleep", Map.of("seconds", "120"))
                .arithmetic(2, "Addition").edge(1, "out", 2, "num1").edge(1, "out", 2, "num2").json();
        long jobId = client.schedule(json);
        awaitBlockStatus(client, jobId, 1, "RUNNING");
        Instant stopped = Instant.now();
        ApiClient.Reply stop = client.postEmpty("api/workflow/jobs/" + jobId + "/stop");
        assertEquals(200, stop.status(), stop.body());
        JsonObject details = client.awaitJob(jobId, Duration.ofSeconds(20));
        assertEquals("STOPPED", details.getString("status"));
        assertTrue(Duration.between(stopped, Instant.now()).toSeconds() < 20);
        assertEquals("STOPPED", ApiClient.blocks(details).get(1).getString("status"));
        assertEquals("WAITING", ApiClient.blocks(details).get(2).getString("status"));
        assertEquals(409, client.postEmpty("api/workflow/jobs/" + jobId + "/stop").status(), "already ended");
    }

    @Test
    void aRestartRunsOnlyWhatDidNotComplete() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().constant(1, 5)
                .test(2, "Flaky", Map.of()).edge(1, "output", 2, "in")
                .arithmetic(3, "Addition").edge(2, "out", 3, "num1").edge(1, "output", 3, "num2")
                .constant(4, 7).json();
        long jobId = client.schedule(json);
        JsonObject first = client.awaitJob(jobId, DEADLINE);
        assertEquals("FAILED", first.getString("status"));
        assertEquals("failing on purpose, the first time only", ApiClient.blocks(first).get(2).getString("stderr"));

        ApiClient.Reply restart = client.postEmpty("api/workflow/jobs/" + jobId + "/restart");
        assertEquals(200, restart.status(), restart.body());
        JsonObject second = client.awaitJob(jobId, DEADLINE);
        assertEquals("COMPLETED", second.getString("status"), second.toString());
        assertEquals(2, second.getInt("attempts"));
        Map<Integer, JsonObject> blocks = ApiClient.blocks(second);
        assertEquals(1, blocks.get(1).getInt("attempt"), "the constant ran in the first attempt only");
        assertEquals(1, blocks.get(4).getInt("attempt"));
        assertEquals(2, blocks.get(2).getInt("attempt"));
        assertEquals(2, blocks.get(3).getInt("attempt"));
        assertEquals("10", output(blocks.get(3)));
        assertEquals("second time lucky\n", blocks.get(2).getString("stdout"));
        assertEquals(List.of(jobId), client.get("api/workflow/schedule").jsonArray().stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValueExact()).toList(), "same job, same id");
        assertEquals(409, client.postEmpty("api/workflow/jobs/" + jobId + "/restart").status(), "it completed");
    }

    @Test
    void eventsStreamEveryChangeInOrderAndEndWithTheJob() throws Exception {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().test(1, "Sleep", Map.of("seconds", "1"))
                .test(2, "Sleep", Map.of("seconds", "0.5")).edge(1, "out", 2, "in")
                .arithmetic(3, "Addition").edge(2, "out", 3, "num1").edge(1, "out", 3, "num2").json();
        long jobId = client.schedule(json);
        // the stream must end by itself when the job ends; a deadline keeps a stream that does not from hanging
        List<ApiClient.Event> events = client.events(jobId, Duration.ofSeconds(60))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        // the stream ended by itself: the last event is the job's end
        ApiClient.Event last = events.get(events.size() - 1);
        assertEquals("job", last.name());
        assertEquals("COMPLETED", last.json().getString("status"));
        Map<Integer, List<String>> perBlock = new HashMap<>();
        for (ApiClient.Event event : events) {
            if ("block".equals(event.name())) {
                JsonObject data = event.json();
                List<String> statuses = perBlock.computeIfAbsent(data.getInt("blockId"), k -> new ArrayList<>());
                if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(data.getString("status"))) {
                    statuses.add(data.getString("status"));
                }
            }
        }
        for (int block = 1; block <= 3; block++) {
            List<String> statuses = perBlock.get(block);
            assertEquals("COMPLETED", statuses.get(statuses.size() - 1), "block " + block + ": " + statuses);
            assertTrue(statuses.equals(List.of("RUNNING", "COMPLETED")) || statuses.equals(List.of("COMPLETED")),
                    "block " + block + ": " + statuses);
        }
        assertArrayEquals(new int[] {1, 2, 3}, completionOrder(events), "blocks complete in dependency order");
    }

    @Test
    void aPlotIsStoredAsAPngOnlyItsOwnerCanDownload() {
        ApiClient owner = ApiClient.newUser(base);
        String json = new WorkflowJson().block(1, WorkflowJson.ARITHMETIC, "Plot",
                Map.of("function", "sin(x) * x", "from", "-10", "to", "10")).json();
        long jobId = owner.schedule(json);
        JsonObject details = owner.awaitJob(jobId, DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        JsonObject output = ApiClient.blocks(details).get(1).getJsonObject("output");
        assertEquals("GRAPH", output.getString("type"));
        String file = output.getJsonObject("value").getString("filename");
        assertEquals("1-plot.png", file);

        HttpResponse<byte[]> png = owner.getBytes("api/workflow/file/" + jobId + "/" + file);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png.body(), 4));

        ApiClient stranger = ApiClient.newUser(base);
        assertEquals(404, stranger.get("api/workflow/file/" + jobId + "/" + file).status());
        assertEquals(404, owner.get("api/workflow/file/" + jobId + "/..%2F..%2Fdb%2Feegwf.mv.db").status());
        assertEquals(404, owner.get("api/workflow/file/" + jobId + "/nothing.png").status());
    }

    @Test
    void tablesAreCsvAndFilesAreDownloads() {
        ApiClient client = ApiClient.newUser(base);
        String json = new WorkflowJson().constant(1, 1.5).constant(2, 2)
                .test(3, "Tabulate", Map.of()).edge(1, "output", 3, "values").edge(2, "output", 3, "values")
                .test(4, "WriteFile", Map.of("text", "<b>not a page</b>")).json();
        long jobId = client.schedule(json);
        Map<Integer, JsonObject> blocks = ApiClient.blocks(client.awaitJob(jobId, DEADLINE));
        JsonObject table = blocks.get(3).getJsonObject("output");
        assertEquals("TABLE", table.getString("type"));
        HttpResponse<byte[]> csv = client.getBytes("api/workflow/file/" + jobId + "/"
                + table.getJsonObject("value").getString("filename"));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("index,value,note\r\n0,1.5,\"first, \"\"quoted\"\"\"\r\n1,2,'=1+1\r\n",
                new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8), "RFC 4180, formulas defused");

        JsonObject file = blocks.get(4).getJsonObject("output");
        assertEquals("FILE", file.getString("type"));
        assertEquals("4-note.txt", file.getJsonObject("value").getString("filename"));
        HttpResponse<byte[]> download = client.getBytes("api/workflow/file/" + jobId + "/4-note.txt");
        assertEquals("application/octet-stream", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertEquals("<b>not a page</b>", new String(download.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anEndedJobCanBeDeletedWithItsFilesButARunningOneCannot() {
        ApiClient client = ApiClient.newUser(base);
        long running = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "60")).json());
        awaitBlockStatus(client, running, 1, "RUNNING");
        assertEquals(409, client.delete("api/workflow/jobs/" + running).status());
        client.postEmpty("api/workflow/jobs/" + running + "/stop");
        client.awaitJob(running, Duration.ofSeconds(20));
        assertEquals(204, client.delete("api/workflow/jobs/" + running).status());
        assertEquals(404, client.get("api/workflow/jobs/" + running).status());

        long plotted = client.schedule(new WorkflowJson().block(1, WorkflowJson.ARITHMETIC, "Plot", Map.of()).json());
        client.awaitJob(plotted, DEADLINE);
        assertEquals(200, client.get("api/workflow/file/" + plotted + "/1-plot.png").status());
        ApiClient stranger = ApiClient.newUser(base);
        assertEquals(404, stranger.delete("api/workflow/jobs/" + plotted).status());
        assertEquals(204, client.delete("api/workflow/jobs/" + plotted).status());
        assertEquals(404, client.get("api/workflow/file/" + plotted + "/1-plot.png").status());
        assertTrue(client.get("api/workflow/schedule").jsonArray().isEmpty());
    }

    @Test
    void oneUserCannotHoldEveryWorker() {
        ApiClient busy = ApiClient.newUser(base);
        List<Long> jobs = new ArrayList<>();
        // the jobs run until the gate opens, not for a fixed time: on a busy machine the checks below may take longer
        // than any sleep would
        java.nio.file.Path gate = java.nio.file.Path.of(System.getProperty("it.work.dir", "target/it"))
                .resolve("gate-" + java.util.UUID.randomUUID()).toAbsolutePath();
        for (int i = 0; i < 4; i++) {
            jobs.add(busy.schedule(new WorkflowJson().constant(1, i)
                    .test(2, "Gate", Map.of("gate", gate.toString())).edge(1, "output", 2, "in").json()));
        }
        try {
            awaitBlockStatus(busy, jobs.get(0), 2, "RUNNING");
            ApiClient other = ApiClient.newUser(base);
            long theirs = other.schedule(new WorkflowJson().constant(1, 1).json());
            JsonObject details = other.awaitJob(theirs, Duration.ofSeconds(3));
            assertEquals("COMPLETED", details.getString("status"),
                    "another user's job did not wait for the first user's");
            long queued = jobs.stream().filter(id -> "QUEUED".equals(busy.get("api/workflow/jobs/" + id).json()
                    .getString("status"))).count();
            assertEquals(2, queued, "beyond the per-user limit (2) jobs wait as QUEUED");
        } finally {
            try {
                java.nio.file.Files.createDirectories(gate.getParent());
                java.nio.file.Files.createFile(gate);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (long id : jobs) {
            assertEquals("COMPLETED", busy.awaitJob(id, DEADLINE).getString("status"));
        }
    }

    @Test
    void invalidWorkflowsAreRefusedAndStoreNothing() {
        ApiClient client = ApiClient.newUser(base);
        Map<String, String> cases = Map.of(
                new WorkflowJson().constant(1, 1).arithmetic(2, "Addition").edge(1, "output", 2, "num1").json(),
                "block 2 (Addition): input 'num2' needs a connection but has 0",
                new WorkflowJson().constant(1, 1).arithmetic(2, "Addition").edge(1, "output", 2, "num1")
                        .edge(1, "output", 2, "num1").edge(1, "output", 2, "num2").json(),
                "edge 2: input 'num1' of block 2 accepts at most 1 connection (cardinality 1-1)",
                new WorkflowJson().constant(1, 1).arithmetic(2, "Addition").edge(1, "result", 2, "num1")
                        .edge(1, "output", 2, "num2").json(),
                "edge 1: block 1 (Constant) has no output 'result'",
                new WorkflowJson().block(1, WorkflowJson.ARITHMETIC, "Constant", Map.of("constant value", "x"))
                        .json(),
                "block 1 (Constant): property 'constant value' must be a number (NUMBER), got 'x'");
        cases.forEach((json, message) -> {
            ApiClient.Reply reply = client.post("api/workflow/schedule", Map.of("workflow", json));
            assertEquals(400, reply.status(), reply.body());
            assertEquals(message, reply.error());
        });
        assertTrue(client.get("api/workflow/schedule").jsonArray().isEmpty());
    }

    private static int[] completionOrder(List<ApiClient.Event> events) {
        return events.stream().filter(e -> "block".equals(e.name())).map(ApiClient.Event::json)
                .filter(d -> d.getString("status").equals("COMPLETED")).mapToInt(d -> d.getInt("blockId"))
                .distinct().toArray();
    }

    static void awaitBlockStatus(ApiClient client, long jobId, int blockId, String status) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonObject details = client.get("api/workflow/jobs/" + jobId).json();
            if (status.equals(ApiClient.blocks(details).get(blockId).getString("status"))) {
                return;
            }
            assertFalse(details.getString("status").equals("COMPLETED") || details.getString("status")
                    .equals("FAILED"), "the job ended before block " + blockId + " was " + status + ": " + details);
            ApiClient.pause(Duration.ofMillis(100));
        }
        fail("block " + blockId + " of job " + jobId + " never became " + status);
    }
}
