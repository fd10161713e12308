package org.eegworkflow.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.eeg.bids.StudyDataset;
import org.eegworkflow.platform.Folders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Slurm executor on a real cluster (issue 18): the two-node cluster of server-config/slurm/local-cluster.sh, the
 * server started as the README does with {@code EEGWF_EXECUTOR=slurm}. The 20-subject study runs as job arrays over
 * both nodes and exports the same bytes as on the local executor; a DAG's failing branch fails alone; a stop cancels
 * the Slurm job within seconds; a worker killed, a block over its time limit and one over its memory each fail with a
 * reason a person reads; a task whose node fails runs again on Slurm's requeue; and the app server killed while a
 * block runs in Slurm comes back, re-attaches to that Slurm job and finishes the job without running the block twice.
 */
class SlurmSlowIT {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 770;
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final int TIME_LIMIT_S = 25;

    @Test
    void blocksRunOnTheClusterAsTheyWouldHere() throws IOException {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath()
                .resolve("slurm-slow-" + SERVER);
        Folders.deleteRecursively(work);
        Path war = Deployments.exportWarWithTestBlocks(work.resolve("war"));
        StudyDataset.write(work.resolve("study"), StudyDataset.SUBJECTS);
        Path zip = StudyDataset.zip(work.resolve("study"));

        Map<String, String> local;
        try (ServerProcess here = ServerProcess.start(SERVER, war, work.resolve("data-local"), PORT_OFFSET, Map.of())) {
            ApiClient user = ApiClient.newUser(here.client());
            local = results(user, study(user, zip));
        }

        // munge's socket path must stay short: the cluster's state lives under /tmp
        try (LocalSlurm slurm = LocalSlurm.start(Path.of("/tmp/eegwf-slurm-it-" + SERVER))) {
            // --requeue: a task whose node fails runs again (only a node failure requeues: failures of the task's
            // own, a kill, a time or memory limit, do not)
            Map<String, String> env = Map.of("EEGWF_EXECUTOR", "slurm", "SLURM_CONF", slurm.conf().toString(),
                    "EEGWF_SLURM_POLL_MS", "250", "EEGWF_BLOCK_TIMEOUT_SECONDS", Integer.toString(TIME_LIMIT_S),
                    "EEGWF_SLURM_REQUEUE", "true");
            Path data = work.resolve("data-slurm");
            ServerProcess server = ServerProcess.start(SERVER, war, data, PORT_OFFSET, env);
            try {
                ApiClient client = ApiClient.newUser(server.client());
                studyAsJobArrays(client, zip, local);
                aFailingBranchFailsAlone(client);
                aStopCancelsTheSlurmJob(client, slurm, server);
                aKilledWorkerFailsItsBlock(client, data);
                aBlockOverItsTimeLimitFails(client, slurm);
                aBlockOverItsMemoryFails(client);
                aTaskWhoseNodeFailsRunsAgain(client, slurm);

                // the app server dies while a block runs in Slurm
                long jobId = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "15"))
                        .test(2, "Scale", Map.of("factor", "2")).edge(1, "out", 2, "in").json());
                JsonObject executor = awaitRunningInSlurm(client, jobId, 1);
                server.kill();
                server = ServerProcess.start(SERVER, war, data, PORT_OFFSET, env);
                client = relogin(server, client);
                JsonObject done = client.awaitJob(jobId, DEADLINE);
                assertEquals("COMPLETED", done.getString("status"), done.toString());
                Map<Integer, JsonObject> blocks = ApiClient.blocks(done);
                assertEquals("scaled 15.0 by 2.0", output(blocks.get(2)));
                assertEquals(executor.getString("id"), blocks.get(1).getJsonObject("executor").getString("id"),
                        "the block's Slurm job from before the kill: " + done);
                assertEquals(2, blocks.get(1).getInt("attempt"), "taken under the job's second run");
                String submitted = slurm.command("squeue", "--states=all", "--noheader", "--format=%i",
                        "--name=eegwf-" + jobId + "-1").trim();
                assertEquals(executor.getString("id"), submitted, "one Slurm job for the block, not two");
            } finally {
                server.close();
            }
        }
    }

    /** The study through Slurm: one job array per mapped block, over n1 and n2, the local executor's bytes. */
    private static void studyAsJobArrays(ApiClient client, Path zip, Map<String, String> local) {
        long start = System.nanoTime();
        JsonObject study = study(client, zip);
        System.out.printf("SLURM STUDY on %s: 20 subjects, %d ms as the client waited%n", SERVER,
                (System.nanoTime() - start) / 1_000_000);
        assertEquals(local, results(client, study), "the same results as the local executor");
        Map<Integer, JsonObject> blocks = ApiClient.blocks(study);
        Set<String> nodes = new TreeSet<>();
        Set<String> jobs = new TreeSet<>();
        for (int block : List.of(2, 3, 4, 7, 8)) {
            JsonObject executor = blocks.get(block).getJsonObject("executor");
            jobs.add(executor.getString("id"));
            assertEquals("slurm", executor.getString("kind"), "block " + block + ": " + blocks.get(block));
            Set<String> arrays = new TreeSet<>();
            for (JsonValue value : blocks.get(block).getJsonArray("elements")) {
                JsonObject element = value.asJsonObject().getJsonObject("executor");
                arrays.add(element.getString("id").replaceAll("_\\d+$", ""));
                nodes.add(element.getString("node"));
            }
            assertEquals(Set.of(executor.getString("id")), arrays, "one job array for block " + block);
        }
        assertEquals(Set.of("n1", "n2"), nodes, "the elements ran on both nodes");
        assertEquals(1, jobs.size(), "each element's chain of five blocks ran as one task of one job array: " + jobs);
    }

    private static void aFailingBranchFailsAlone(ApiClient client) {
        long jobId = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "0.2"))
                .test(2, "Scale", Map.of("factor", "3")).edge(1, "out", 2, "in")
                .test(3, "Throw", Map.of("failure", "ASSERTION"))
                .test(4, "Scale", Map.of()).edge(3, "out", 4, "in").json());
        JsonObject details = client.awaitJob(jobId, DEADLINE);
        assertEquals("FAILED", details.getString("status"), details.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        assertEquals("COMPLETED", blocks.get(2).getString("status"), details.toString());
        assertEquals("scaled 0.2 by 3.0", output(blocks.get(2)));
        assertTrue(Set.of("n1", "n2").contains(blocks.get(2).getJsonObject("executor").getString("node")));
        assertTrue(blocks.get(3).getString("stderr").contains("a check of the block failed on purpose"),
                blocks.get(3).toString());
        assertEquals("not run: upstream block 3 failed", blocks.get(4).getString("stderr"));
    }

    private static void aStopCancelsTheSlurmJob(ApiClient client, LocalSlurm slurm, ServerProcess server) {
        long jobId = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "120")).json());
        String id = awaitRunningInSlurm(client, jobId, 1).getString("id");
        Instant stopped = Instant.now();
        assertEquals(200, client.postEmpty("api/workflow/jobs/" + jobId + "/stop").status());
        JsonObject details;
        try {
            details = client.awaitJob(jobId, Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the server's threads: " + server.threadDump(), e);
        }
        assertEquals("STOPPED", details.getString("status"), details.toString());
        awaitSlurmState(slurm, id, "CANCELLED");
        long seconds = Duration.between(stopped, Instant.now()).toSeconds();
        System.out.printf("SLURM STOP on %s: job STOPPED and Slurm job %s CANCELLED %d s after the stop%n", SERVER,
                id, seconds);
        assertTrue(seconds < 15, seconds + " s");
    }

    private static void aKilledWorkerFailsItsBlock(ApiClient client, Path data) {
        long jobId = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "120")).json());
        awaitRunningInSlurm(client, jobId, 1);
        String jobs = data.resolve("slurm").resolve("jobs").toString();
        ProcessHandle worker = awaitProcess("org.eegworkflow.worker.BlockWorker " + jobs);
        worker.destroyForcibly();
        JsonObject details = client.awaitJob(jobId, Duration.ofSeconds(60));
        assertEquals("FAILED", details.getString("status"), details.toString());
        String stderr = ApiClient.blocks(details).get(1).getString("stderr");
        assertTrue(stderr.startsWith("its worker failed on node n"), stderr);
        assertTrue(stderr.contains("without a result"), stderr);
    }

    private static void aBlockOverItsTimeLimitFails(ApiClient client, LocalSlurm slurm) {
        long jobId = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "300")).json());
        String id = awaitRunningInSlurm(client, jobId, 1).getString("id");
        JsonObject details = client.awaitJob(jobId, Duration.ofSeconds(TIME_LIMIT_S + 60));
        assertEquals("FAILED", details.getString("status"), details.toString());
        assertEquals("timed out after " + TIME_LIMIT_S + " s", ApiClient.blocks(details).get(1).getString("stderr"));
        awaitSlurmState(slurm, id, "CANCELLED");
    }

    private static void aBlockOverItsMemoryFails(ApiClient client) {
        long jobId = client.schedule(new WorkflowJson().test(1, "Glutton", Map.of("mb", "2048")).json());
        JsonObject details = client.awaitJob(jobId, DEADLINE);
        assertEquals("FAILED", details.getString("status"), details.toString());
        String stderr = ApiClient.blocks(details).get(1).getString("stderr");
        assertTrue(stderr.contains("ran out of memory"), stderr);
        assertTrue(stderr.contains("64 MB"), "names what the block declares: " + stderr);
    }

    /**
     * Its node declared down while the block runs: Slurm requeues the task (after its 120 s begin-time delay) and it
     * runs again from its start; the block completes, its time limit counted from the second start, on the node it
     * ran on last.
     */
    private static void aTaskWhoseNodeFailsRunsAgain(ApiClient client, LocalSlurm slurm) {
        long jobId = client.schedule(new WorkflowJson().test(1, "Sleep", Map.of("seconds", "8")).json());
        JsonObject first = awaitRunningInSlurm(client, jobId, 1);
        String node = first.getString("node");
        slurm.command("scontrol", "update", "nodename=" + node, "state=down", "reason=SlurmSlowIT");
        try {
            JsonObject details = client.awaitJob(jobId, Duration.ofMinutes(5), Duration.ofMillis(500));
            assertEquals("COMPLETED", details.getString("status"), details.toString());
            JsonObject executor = ApiClient.blocks(details).get(1).getJsonObject("executor");
            assertEquals(first.getString("id"), executor.getString("id"), "the same Slurm job, run again");
            String job = slurm.command("scontrol", "show", "job", first.getString("id"));
            assertTrue(job.contains("Restarts=1"), job);
            System.out.printf("SLURM REQUEUE on %s: node %s down, Slurm job %s ran again on %s%n", SERVER, node,
                    first.getString("id"), executor.getString("node"));
        } finally {
            // the node back for what follows (a node of this cluster comes back by itself when its slurmd answers)
            slurm.command("scontrol", "update", "nodename=" + node, "state=resume");
        }
    }

    private static JsonObject study(ApiClient client, Path zip) {
        ApiClient.Reply upload = client.uploadFiles("api/files", Map.of("study.zip", zip),
                Map.of("folder", "studies", "unpack", "true"));
        assertEquals(201, upload.status(), upload.body());
        JsonObject details = client.awaitJob(client.schedule(StudyDataset.workflow("studies/study")), DEADLINE,
                Duration.ofMillis(250));
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        return details;
    }

    /** Each element's output and each exported file's SHA-256: what must not depend on where blocks ran. */
    private static Map<String, String> results(ApiClient client, JsonObject details) {
        Map<String, String> results = new TreeMap<>();
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        for (String condition : StudyDataset.CONDITIONS) {
            JsonObject export = blocks.get(StudyDataset.BLOCKS.get(condition)[3]);
            String name = export.getJsonObject("output").getJsonObject("value").getString("filename");
            var file = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/" + name);
            assertEquals(200, file.statusCode(), name);
            results.put("export " + condition, ApiClient.sha256(file.body()));
        }
        for (Map.Entry<Integer, JsonObject> block : blocks.entrySet()) {
            if (block.getValue().containsKey("elements")) {
                for (JsonValue value : block.getValue().getJsonArray("elements")) {
                    JsonObject element = value.asJsonObject();
                    results.put(block.getKey() + "/" + element.getString("key"),
                            String.valueOf(element.get("output")));
                }
            }
        }
        return results;
    }

    private static String output(JsonObject block) {
        return block.getJsonObject("output").getString("value");
    }

    /** Waits until the block runs in Slurm (its job has a node). @return its executor */
    private static JsonObject awaitRunningInSlurm(ApiClient client, long jobId, int blockId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonObject block = ApiClient.blocks(client.get("api/workflow/jobs/" + jobId).json()).get(blockId);
            if (block.containsKey("executor") && block.getJsonObject("executor").get("node") instanceof
                    jakarta.json.JsonString) {
                return block.getJsonObject("executor");
            }
            ApiClient.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("block " + blockId + " of job " + jobId + " never ran in Slurm");
    }

    private static void awaitSlurmState(LocalSlurm slurm, String id, String state) {
        Instant deadline = Instant.now().plusSeconds(20);
        String seen = "";
        while (Instant.now().isBefore(deadline)) {
            seen = slurm.command("squeue", "--states=all", "--noheader", "--format=%T", "--jobs=" + id).trim();
            if (seen.equals(state)) {
                return;
            }
            ApiClient.pause(Duration.ofMillis(200));
        }
        fail("Slurm job " + id + " is " + seen + ", not " + state);
    }

    private static ProcessHandle awaitProcess(String commandLinePart) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var found = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(
                    commandLinePart)).orElse(false)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            ApiClient.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("no process with '" + commandLinePart + "' in its command line");
    }

    /** The same user logged in on the restarted server (their session is in the database, so the token holds). */
    private static ApiClient relogin(ServerProcess server, ApiClient before) {
        return new ApiClient(server.base()).useToken(before.token(), false);
    }
}
