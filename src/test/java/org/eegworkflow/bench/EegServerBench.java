package org.eegworkflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.it.ApiClient;
import org.eegworkflow.it.Deployments;
import org.eegworkflow.it.HeapSampler;
import org.eegworkflow.it.ServerProcess;
import org.eegworkflow.it.Workflows;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.testsupport.BrainVisionTiler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recordings of an EEG lab's size through the server, against MNE-Python 1.3 on the same machine, one run each (a
 * researcher runs a pipeline once): read -> Filter 1-40 Hz -> EpochExtraction (-0.2..0.5 s, every event) ->
 * EpochAveraging -> Export, on the one-hour 64-channel and the two-hour 128-channel 1 kHz BrainVision INT_16 files
 * that {@link BrainVisionTiler} makes from MNE's test.vhdr (460 MB and 1.84 GB; never committed).
 *
 * <p>The server is started as the README's run command starts it (run.sh, {@code -Xmx2g}, H2 file database); the
 * recording is uploaded through {@code /api/files}, the job scheduled through the API and followed until it ends.
 * Stages are the blocks' own start and end times; "end to end" is schedule request to COMPLETED as the client sees
 * it. The server's heap is sampled with jstat the whole time. MNE runs first, alone, under an address-space limit
 * ({@code -Deegbench.server.mne.limit.gb}, default 20) so that on the two-hour file it fails with a MemoryError
 * instead of exhausting the machine; its peak RSS is reported beside our peak heap. The benchmark asserts only that
 * every job completes and that our average is MNE's (where MNE finished); figures are printed, lines {@code BENCH}.
 *
 * <p>{@code mvn -Pbench-eeg-server verify} runs it on WildFly and Payara Micro; {@code -Deegbench.server.only=1h}
 * one file, {@code -Deegbench.mne=false} our side only, {@code -Dit.skip.payara} one server.
 */
class EegServerBench {
    private static final String SERVER = Deployments.server();
    private static final int PORT_OFFSET = 560;
    private static final Path OUT = Path.of(System.getProperty("eegbench.out", "target/bench-eeg-server"));
    private static final String PYTHON = "/usr/bin/python3";
    private static final List<String> STAGES = List.of("read", "filter", "epochs", "average", "export");

    private record Case(String name, String label, int channelCopies, int timeCopies) {
    }

    private static final List<Case> CASES = List.of(
            new Case("1h", "1 h, 64 ch, 1 kHz", 2, 456),
            new Case("2h", "2 h, 128 ch, 1 kHz", 4, 912));

    private static void report(String line) {
        System.out.println("BENCH [" + SERVER + "] " + line);
    }

    @Test
    void figures() throws Exception {
        String only = System.getProperty("eegbench.server.only", "");
        boolean withMne = !"false".equals(System.getProperty("eegbench.mne")) && mneInstalled();
        double limitGb = Double.parseDouble(System.getProperty("eegbench.server.mne.limit.gb", "20"));
        List<Case> cases = CASES.stream().filter(c -> only.isBlank() || List.of(only.split(",")).contains(c.name()))
                .toList();
        Map<Case, BrainVisionTiler.Tiled> files = new LinkedHashMap<>();
        Map<Case, JsonObject> mne = new LinkedHashMap<>();
        for (Case c : cases) {
            long t = System.nanoTime();
            BrainVisionTiler.Tiled tiled = BrainVisionTiler.tile(EegTestData.file("brainvision-mne/test.vhdr"),
                    OUT.resolve("recordings/tiled_" + c.name()), c.channelCopies(), c.timeCopies());
            files.put(c, tiled);
            report(String.format(Locale.ROOT, "%s: %d channels x %d samples, %d markers, %.0f MB INT_16"
                            + " (%.0f MB as doubles), made or found in %.1f s", c.label(), tiled.channels(),
                    tiled.samples(), tiled.markers(), tiled.dataBytes() / 1e6,
                    tiled.samples() * tiled.channels() * 8 / 1e6, (System.nanoTime() - t) / 1e9));
            if (withMne) {
                // MNE first and alone, so that neither side runs beside the other's gigabytes
                mne.put(c, mneOnce(c, tiled, limitGb));
                report("MNE " + c.label() + ": " + mne.get(c));
            }
        }
        if (!withMne) {
            report("MNE-Python is not run (" + (mneInstalled() ? "-Deegbench.mne=false" : PYTHON
                    + " has no mne: apt-get install python3-mne") + ")");
        }

        Path work = OUT.resolve(SERVER);
        Folders.deleteRecursively(work.resolve("data"));
        Path war = Path.of(System.getProperty("war.file", "target/eeg-workflow.war"));
        try (ServerProcess server = ServerProcess.start(SERVER, war, work.resolve("data"), PORT_OFFSET,
                Map.of("EEGWF_JAVA_OPTS", "-Xmx2g"));
             HeapSampler heap = HeapSampler.of(server.jvm())) {
            ApiClient client = ApiClient.newUser(server.client());
            warmUp(client);
            long heapBefore = heap.peakKiB();
            report(String.format(Locale.ROOT, "server up, warmed on test.vhdr; peak heap so far %d MiB",
                    heapBefore / 1024));
            List<String> table = new ArrayList<>();
            for (Case c : cases) {
                table.add(run(server, client, c, files.get(c), mne.get(c), heap));
            }
            report("| recording | " + String.join(" | ", STAGES) + " | end to end | peak heap | MNE peak RSS |");
            table.forEach(EegServerBench::report);
        }
    }

    private String run(ServerProcess server, ApiClient client, Case c, BrainVisionTiler.Tiled file, JsonObject mne,
                       HeapSampler heap) throws IOException {
        String folder = "bench-" + c.name();
        String base = file.header().getFileName().toString().replace(".vhdr", "");
        Map<String, Path> parts = new LinkedHashMap<>();
        for (String extension : List.of(".vhdr", ".vmrk", ".eeg")) {
            parts.put(base + extension, file.header().resolveSibling(base + extension));
        }
        long t = System.nanoTime();
        ApiClient.Reply upload = client.uploadFiles("api/files", parts, Map.of("folder", folder));
        double uploadSeconds = (System.nanoTime() - t) / 1e9;
        assertEquals(201, upload.status(), upload.body());
        report(String.format(Locale.ROOT, "%s: uploaded %.0f MB in %.1f s (%.0f MB/s); peak heap so far %d MiB",
                c.label(), file.dataBytes() / 1e6, uploadSeconds, file.dataBytes() / 1e6 / uploadSeconds,
                heap.peakKiB() / 1024));

        t = System.nanoTime();
        long job = client.schedule(Workflows.eegPipeline(folder + "/" + base + ".vhdr"));
        JsonObject details = client.awaitJob(job, Duration.ofMinutes(30), Duration.ofMillis(50));
        double endToEnd = (System.nanoTime() - t) / 1e9;
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        Map<Integer, JsonObject> blocks = ApiClient.blocks(details);
        double[] ours = new double[STAGES.size()];
        for (int b = 1; b <= STAGES.size(); b++) {
            JsonObject block = blocks.get(b);
            ours[b - 1] = Duration.between(Instant.parse(block.getString("startTime")),
                    Instant.parse(block.getString("endTime"))).toNanos() / 1e9;
        }
        report(c.label() + ": " + blocks.get(1).getJsonObject("output").getString("value") + "; "
                + blocks.get(3).getJsonObject("output").getString("value"));
        long peakHeapMiB = heap.peakKiB() / 1024;
        long rssMiB = server.procStatusKiB("VmHWM") / 1024;

        String agreement = "";
        if (mne != null && !mne.containsKey("failed")) {
            byte[] csv = client.getBytes("api/workflow/file/" + details.getJsonNumber("id") + "/"
                    + blocks.get(5).getJsonObject("output").getJsonObject("value").getString("filename")).body();
            double error = maxRelativeError(new String(csv, StandardCharsets.UTF_8),
                    OUT.resolve("mne_evoked_" + c.name() + ".csv"));
            assertTrue(error < 1e-9, c.label() + ": our average differs from MNE's by " + error + " of its peak");
            agreement = String.format(Locale.ROOT, "; average = MNE's to %.1e of its peak", error);
        }
        StringBuilder row = new StringBuilder("| " + c.label() + " |");
        double mneTotal = 0;
        for (int s = 0; s < STAGES.size(); s++) {
            String stage = STAGES.get(s);
            if (mne != null && mne.containsKey(stage)) {
                double theirs = mne.getJsonNumber(stage).doubleValue();
                mneTotal += theirs;
                row.append(String.format(Locale.ROOT, " %s / %s = %.1fx |", seconds(ours[s]), seconds(theirs),
                        theirs / ours[s]));
            } else {
                row.append(" ").append(seconds(ours[s])).append(mne == null ? "" : " / -").append(" |");
            }
        }
        if (mne != null && !mne.containsKey("failed")) {
            row.append(String.format(Locale.ROOT, " %s / %s = %.1fx |", seconds(endToEnd), seconds(mneTotal),
                    mneTotal / endToEnd));
        } else {
            row.append(" ").append(seconds(endToEnd)).append(mne == null ? "" : " / MNE "
                    + mne.getString("failed") + " under " + mne.get("memory_limit_gb") + " GB").append(" |");
        }
        row.append(String.format(Locale.ROOT, " %d MiB (RSS %d MiB) | %s |", peakHeapMiB, rssMiB,
                mne == null ? "-" : mne.getInt("peak_rss_mib") + " MiB"));
        report(c.label() + ": end to end " + seconds(endToEnd) + ", upload " + seconds(uploadSeconds) + agreement);
        return row.toString();
    }

    private static String seconds(double s) {
        return s >= 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.2f s", s);
    }

    /** Two runs of the whole pipeline on the real test file, so the stages of the big ones run compiled. */
    private static void warmUp(ApiClient client) {
        Map<String, Path> parts = new LinkedHashMap<>();
        for (String name : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            parts.put(name, EegTestData.file("brainvision-mne/" + name));
        }
        assertEquals(201, client.uploadFiles("api/files", parts, Map.of("folder", "warm")).status());
        for (int i = 0; i < 3; i++) {
            JsonObject done = client.awaitJob(client.schedule(Workflows.eegPipeline("warm/test.vhdr")), Duration.ofMinutes(3),
                    Duration.ofMillis(100));
            assertEquals("COMPLETED", done.getString("status"), done.toString());
        }
    }


    /**
     * Our export (µV, a time column, then one column per EEG channel, a row per sample) against MNE's average (volts,
     * a row per channel): the largest difference relative to the average's peak.
     */
    static double maxRelativeError(String csv, Path mneEvoked) throws IOException {
        List<double[]> theirs = new ArrayList<>();
        for (String line : Files.readAllLines(mneEvoked)) {
            String[] fields = line.split(",");
            double[] row = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                row[i] = Double.parseDouble(fields[i]) * 1e6;
            }
            theirs.add(row);
        }
        double peak = 0;
        for (double[] row : theirs) {
            for (double v : row) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        double worst = 0;
        List<String> lines = new BufferedReader(new StringReader(csv)).lines().toList();
        assertEquals(theirs.get(0).length + 1, lines.size(), "one header and one row per sample");
        for (int t = 1; t < lines.size(); t++) {
            String[] fields = lines.get(t).split(",");
            assertEquals(theirs.size() + 1, fields.length, "a time column and one per channel");
            for (int ch = 0; ch < theirs.size(); ch++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(fields[ch + 1]) - theirs.get(ch)[t - 1]));
            }
        }
        return worst / peak;
    }

    private static boolean mneInstalled() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import mne").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * MNE's figures for a recording, measured once per recording and kept beside it (the second server's run reuses
     * the first's, so MNE's two-hour attempt is not paid twice); a recording made again is measured again.
     */
    private static JsonObject mneOnce(Case c, BrainVisionTiler.Tiled tiled, double limitGb) throws IOException,
            InterruptedException {
        Path kept = OUT.resolve("mne_" + c.name() + ".json");
        Path evoked = OUT.resolve("mne_evoked_" + c.name() + ".csv");
        Path data = tiled.header().resolveSibling(tiled.header().getFileName().toString().replace(".vhdr", ".eeg"));
        if (Files.isRegularFile(kept) && Files.getLastModifiedTime(kept).compareTo(Files.getLastModifiedTime(data)) > 0) {
            try (var reader = Json.createReader(Files.newBufferedReader(kept))) {
                JsonObject result = reader.readObject();
                if (result.getJsonNumber("memory_limit_gb").doubleValue() == limitGb) {
                    return result;
                }
            }
        }
        JsonObject result = runMne(tiled.header(), evoked, limitGb);
        Files.writeString(kept, result.toString());
        return result;
    }

    private static JsonObject runMne(Path header, Path evokedOut, double limitGb) throws IOException,
            InterruptedException {
        Path script = Path.of(System.getProperty("project.basedir", ".")).resolve("src/test/python/mne_bench.py");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), header.toString(), "--once",
                "--memory-limit-gb", Double.toString(limitGb), "--evoked-out", evokedOut.toString())
                .redirectErrorStream(true);
        builder.environment().put("MPLBACKEND", "Agg");
        Process process = builder.start();
        JsonObject result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("MNE_BENCH ")) {
                    result = Json.createReader(new StringReader(line.substring(10))).readObject();
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (result == null) {
            // killed or crashed outright (not a MemoryError it could report): say so instead of failing the bench
            return Json.createObjectBuilder().add("failed", "exit " + process.exitValue() + ": "
                    + output.toString().lines().reduce((a, b) -> b).orElse("")).add("memory_limit_gb", limitGb)
                    .add("peak_rss_mib", 0).build();
        }
        return result;
    }
}
