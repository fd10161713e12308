package org.eegworkflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.eeg.bids.StudyDataset;
import org.eegworkflow.it.ApiClient;
import org.eegworkflow.it.Deployments;
import org.eegworkflow.it.LocalSlurm;
import org.eegworkflow.it.ServerProcess;
import org.eegworkflow.it.WorkflowJson;
import org.eegworkflow.platform.Folders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A study through the server against a plain MNE-Python loop over the same files in one Python process on the same
 * machine (issue 17): the 20-subject EEG-BIDS dataset StudyDataset writes (BrainVision, EDF+, EEGLAB), read ->
 * filter 1-40 Hz -> epochs of face and of house -> average -> grand average (src/test/python/mne_study.py for MNE;
 * StudyDataset.workflow for the server, with Export of both grand averages). The server is started as the README's
 * run command starts it (run.sh, H2 file database), warmed on a 2-subject study in another folder, then the
 * 20-subject dataset is uploaded as a zip, run cold (nothing in the result cache for it), and run again unchanged
 * (every block and element reused). Figures are printed on lines {@code BENCH}; asserted only: every job completes,
 * the re-run reuses every block, and the re-run takes under 60 s.
 *
 * <p>{@code mvn -Pbench-study verify} runs it on WildFly and Payara Micro ({@code -Dit.skip.payara}: one server;
 * {@code -Dstudybench.subjects=N} another size).
 */
class StudyBench {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 580;
    private static final Path OUT = Path.of(System.getProperty("studybench.out", "target/bench-study"));
    private static final String PYTHON = "/usr/bin/python3";

    private static void report(String line) {
        System.out.println("BENCH [" + SERVER + "] " + line);
    }

    @Test
    void figures() throws Exception {
        int subjects = Integer.getInteger("studybench.subjects", StudyDataset.SUBJECTS);
        Path dataset = OUT.resolve("dataset-" + subjects);
        Folders.deleteRecursively(dataset);
        long t = System.nanoTime();
        StudyDataset.write(dataset, subjects);
        report(String.format(Locale.ROOT, "dataset: %d subjects of %d s at %d Hz, %s channels, written in %.1f s",
                subjects, StudyDataset.SECONDS, StudyDataset.RATE, System.getProperty("studydataset.channels", "12"),
                (System.nanoTime() - t) / 1e9));
        JsonObject mne = mne(dataset);
        report("MNE " + mne);
        Path warm = OUT.resolve("warm");
        Folders.deleteRecursively(warm);
        // the warm-up study: 2 subjects of the same size, in another folder (nothing of it is reused by the figures)
        StudyDataset.write(warm, 2);

        double mneLoop = mne.getJsonNumber("loop_s").doubleValue();
        double mneTotal = mne.getJsonNumber("total_s").doubleValue();
        Map<String, Run> colds = new java.util.LinkedHashMap<>();
        Map<String, Double> jobOverhead = new java.util.LinkedHashMap<>();
        for (String executor : System.getProperty("studybench.executors", "local").split(",")) {
            Run cold = figures(executor.trim(), subjects, dataset, warm, mneLoop, mneTotal, jobOverhead);
            colds.put(executor.trim(), cold);
        }
        if (colds.containsKey("local") && colds.containsKey("slurm")) {
            double perElement = (colds.get("slurm").seconds() - colds.get("local").seconds()) / subjects;
            report(String.format(Locale.ROOT, "| executor | %d subjects, cold | one one-block job (schedule to"
                    + " COMPLETED, median of 5) |", subjects));
            for (String executor : colds.keySet()) {
                report(String.format(Locale.ROOT, "| %s | %.2f s | %.3f s |", executor,
                        colds.get(executor).seconds(), jobOverhead.get(executor)));
            }
            report(String.format(Locale.ROOT, "Slurm's overhead: %.2f s per job (one block), %.2f s per element of"
                            + " the study (each element's chain of 5 blocks is one task of a job array)",
                    jobOverhead.get("slurm") - jobOverhead.get("local"), perElement));
        }
    }

    /** One executor's figures: a server started for it, warmed, the study cold, re-run, and without the cache. */
    private Run figures(String executor, int subjects, Path dataset, Path warm, double mneLoop, double mneTotal,
                        Map<String, Double> jobOverhead) throws Exception {
        Path work = OUT.resolve(SERVER + "-" + executor);
        Folders.deleteRecursively(work.resolve("data"));
        Path war = Deployments.exportWarWithTestBlocks(work.resolve("war"));
        Map<String, String> env = new java.util.HashMap<>(Map.of("EEGWF_JAVA_OPTS",
                ("-Xmx2g " + System.getProperty("studybench.jvm", "")).strip()));
        LocalSlurm slurm = null;
        if (executor.equals("slurm")) {
            // two nodes on this machine, as server-config/slurm/local-cluster.sh starts them
            slurm = LocalSlurm.start(Path.of("/tmp/eegwf-slurm-bench-" + SERVER));
            env.putAll(Map.of("EEGWF_EXECUTOR", "slurm", "SLURM_CONF", slurm.conf().toString(),
                    "EEGWF_SLURM_POLL_MS", "250"));
        }
        try (ServerProcess server = ServerProcess.start(SERVER, war, work.resolve("data"), PORT_OFFSET, env)) {
            ApiClient client = ApiClient.newUser(server.client());
            upload(client, warm, "warm");
            for (int i = 0; i < 2; i++) {
                // twice, the second a cached re-run: both paths compiled before the figures are taken
                run(client, "warm/warm", true);
            }
            jobOverhead.put(executor, oneBlockJob(client));
            long t = System.nanoTime();
            upload(client, dataset, "bench");
            double uploadSeconds = (System.nanoTime() - t) / 1e9;
            String folder = "bench/" + dataset.getFileName();
            Run cold = run(client, folder, true);
            Run cached = run(client, folder, true);
            // the same compute without the cache's own work (hashing inputs, storing results), for comparison
            Run uncached = run(client, folder, false);
            assertEquals(0, cold.reused(), "the cold run reuses nothing: " + cold);
            assertEquals(cached.blocks(), cached.reused(), "the unchanged re-run reuses every block: " + cached);
            assertTrue(cached.seconds() < 60, "the cached re-run took " + cached.seconds() + " s");
            report("executor " + executor);
            report(String.format(Locale.ROOT, "upload of the zip and unpack: %.2f s", uploadSeconds));
            report("| | server (schedule to COMPLETED) | MNE loop (its total with the import of mne) | MNE / server |");
            report(String.format(Locale.ROOT, "| %d subjects, cold | %.2f s | %.2f s (%.2f s) | %.1fx (%.1fx) |",
                    subjects, cold.seconds(), mneLoop, mneTotal, mneLoop / cold.seconds(),
                    mneTotal / cold.seconds()));
            report(String.format(Locale.ROOT, "| %d subjects, unchanged re-run | %.2f s (%.1f %% of cold; %d of %d"
                            + " blocks reused) | - | - |", subjects, cached.seconds(), 100 * cached.seconds()
                            / cold.seconds(), cached.reused(), cached.blocks()));
            report(String.format(Locale.ROOT, "| %d subjects, cache off (cache=false) | %.2f s | - | %.1fx |",
                    subjects, uncached.seconds(), mneLoop / uncached.seconds()));
            report(String.format(Locale.ROOT, "server peak RSS %d MiB", server.procStatusKiB("VmHWM") / 1024));
            return cold;
        } finally {
            if (slurm != null) {
                slurm.close();
            }
        }
    }

    /** A job of one test block that does nothing: schedule to COMPLETED, the median of 5 after one warm-up. */
    private static double oneBlockJob(ApiClient client) {
        String json = new WorkflowJson().test(1, "Sleep", Map.of("seconds", "0")).json();
        List<Double> seconds = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long t = System.nanoTime();
            JsonObject details = client.awaitJob(client.schedule(json), Duration.ofMinutes(2), Duration.ofMillis(20));
            assertEquals("COMPLETED", details.getString("status"), details.toString());
            if (i > 0) {
                seconds.add((System.nanoTime() - t) / 1e9);
            }
        }
        java.util.Collections.sort(seconds);
        return seconds.get(seconds.size() / 2);
    }

    private record Run(double seconds, int blocks, int reused) {
    }

    private static void upload(ApiClient client, Path dataset, String folder) throws IOException {
        ApiClient.Reply reply = client.uploadFiles("api/files", Map.of(dataset.getFileName() + ".zip",
                StudyDataset.zip(dataset)), Map.of("folder", folder, "unpack", "true"));
        assertEquals(201, reply.status(), reply.body());
    }

    private static Run run(ApiClient client, String folder, boolean cache) {
        long t = System.nanoTime();
        ApiClient.Reply scheduled = client.post("api/workflow/schedule", Map.of("workflow",
                StudyDataset.workflow(folder), "cache", Boolean.toString(cache)));
        assertEquals(200, scheduled.status(), scheduled.body());
        long job = scheduled.json().getJsonNumber("job_id").longValueExact();
        JsonObject details = client.awaitJob(job, Duration.ofMinutes(30), Duration.ofMillis(20));
        double seconds = (System.nanoTime() - t) / 1e9;
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        int blocks = 0;
        int reused = 0;
        StringBuilder stages = new StringBuilder();
        for (JsonObject block : ApiClient.blocks(details).values()) {
            blocks++;
            if (block.get("startTime").getValueType() == JsonValue.ValueType.STRING) {
                stages.append(String.format(Locale.ROOT, " %s %.2f s;", block.getString("type"),
                        java.time.Duration.between(java.time.Instant.parse(block.getString("startTime")),
                                java.time.Instant.parse(block.getString("endTime"))).toNanos() / 1e9));
            }
            if (block.containsKey("reusedFrom") && block.get("reusedFrom").getValueType() != JsonValue.ValueType.NULL) {
                reused++;
            }
        }
        report(String.format(Locale.ROOT, "%s: job %d COMPLETED in %.2f s, %d of %d blocks reused (cache %s):%s",
                folder, job, seconds, reused, blocks, cache ? "on" : "off", stages));
        return new Run(seconds, blocks, reused);
    }

    private static JsonObject mne(Path dataset) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("project.basedir", ".")).resolve("src/test/python/mne_study.py");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), dataset.toString());
        builder.environment().put("MPLBACKEND", "Agg");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.MINUTES), "MNE did not end");
        assertEquals(0, process.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        try (var reader = Json.createReader(new java.io.StringReader(last))) {
            return reader.readObject();
        }
    }
}
