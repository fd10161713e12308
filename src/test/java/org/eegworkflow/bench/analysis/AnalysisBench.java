package org.eegworkflow.bench.analysis;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.sdk.Samples;

/**
 * The analysis stages of the EEG benchmark (issue 19): each {@link AnalysisCase} once on the one-hour 64-channel
 * recording in our code and in MNE-Python 1.3, side by side, with how far their summary numbers differ. Our side
 * first runs each case once on the two-minute recording the hour is tiled from, so the JIT has compiled it; MNE has
 * no warm-up to give. One run each: the hour takes minutes, and a 2-core machine's noise is smaller than the ratios
 * this prints. Called by {@code EegBench} after its pipeline stages ({@code -Deegbench.analysis=false} skips it).
 */
public final class AnalysisBench {
    /** The cases, by class name, so that the runner builds before every case is written; missing ones are said. */
    static final List<String> CASES = List.of("NotchCase", "ResampleCase", "PsdWelchCase", "PsdMultitaperCase",
            "TimeFrequencyCase", "IcaCase");
    private static final String PREFIX = "ANSWER ";
    private static final double TARGET_RATIO = 3;

    private AnalysisBench() {
    }

    /** Runs every case on {@code oneHour} (warmed on {@code warmup}); returns the disagreements found. */
    public static List<String> run(Path warmup, Path oneHour, Path out, String python, boolean withMne)
            throws IOException {
        List<AnalysisCase> cases = new ArrayList<>();
        for (String name : CASES) {
            try {
                cases.add((AnalysisCase) Class.forName(AnalysisBench.class.getPackageName() + "." + name)
                        .getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                System.out.println("analysis case " + name + ": not in this build (" + e + ")");
            }
        }
        List<String> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path script = Path.of("src/test/python/mne_analysis_bench.py").toAbsolutePath();
        try (Mne mne = withMne ? Mne.start(python, script) : null) {
            if (mne != null) {
                mne.load(oneHour);
            }
            for (AnalysisCase c : cases) {
                double javaSeconds;
                double[] ours;
                try {
                    Samples.Factory files = values(out);
                    c.java(EdfReader.read(warmup, w -> { }, files), files);
                    files = values(out);
                    EegData hour = EdfReader.read(oneHour, w -> { }, files);
                    long t = System.nanoTime();
                    ours = c.java(hour, files);
                    javaSeconds = (System.nanoTime() - t) / 1e9;
                } catch (Exception | OutOfMemoryError e) {
                    problems.add(c.name() + ": our side failed: " + e);
                    continue;
                }
                String mneText = "-";
                String ratio = "-";
                String agreement = "not cross-checked";
                if (mne != null) {
                    JsonObject answer = mne.run(c.name(), c.python());
                    if (answer.containsKey("error")) {
                        problems.add(c.name() + ": the MNE side failed: " + answer.getString("error"));
                    } else {
                        double mneSeconds = answer.getJsonNumber("seconds").doubleValue();
                        mneText = String.format(Locale.ROOT, "%.2f", mneSeconds);
                        double r = mneSeconds / javaSeconds;
                        ratio = String.format(Locale.ROOT, "%.2f%s", r, r < 1 ? " !" : r < TARGET_RATIO ? " ." : "");
                        double diff = difference(ours, answer.getJsonArray("result"));
                        agreement = String.format(Locale.ROOT, "max rel. difference %.1e", diff);
                        if (!(diff <= 1e-6)) {
                            problems.add(c.name() + ": summaries differ from MNE's by " + diff);
                        }
                    }
                }
                rows.add(String.format(Locale.ROOT, "%-34s %9.2f %9s %9s   %s", c.name(), javaSeconds, mneText, ratio,
                        agreement));
            }
        }
        System.out.println();
        System.out.println("analysis stages on the one-hour recording, one run each (s); ratio = MNE / Java, target >= "
                + TARGET_RATIO + " ('!' slower than MNE, '.' below the target)");
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s%n", "stage", "Java", "MNE", "MNE/Java");
        rows.forEach(System.out::println);
        return problems;
    }

    /** The largest difference, relative to the largest magnitude of MNE's numbers. */
    static double difference(double[] ours, JsonArray theirs) {
        if (ours.length != theirs.size()) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < ours.length; i++) {
            double v = theirs.getJsonNumber(i).doubleValue();
            scale = Math.max(scale, Math.abs(v));
            diff = Math.max(diff, Math.abs(ours[i] - v));
        }
        return scale == 0 ? diff : diff / scale;
    }

    private static Samples.Factory values(Path out) {
        Path folder = out.resolve("analysis-values");
        Folders.deleteRecursively(folder);
        return (rows, columns) -> Samples.writer(folder, rows, columns);
    }

    /** The Python process: one recording loaded, then a case a request. */
    private static final class Mne implements AutoCloseable {
        private final Process process;
        private final BufferedWriter requests;
        private final BufferedReader answers;
        private final StringBuilder chatter = new StringBuilder();

        private Mne(Process process) {
            this.process = process;
            this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                    StandardCharsets.UTF_8));
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Mne start(String python, Path script) throws IOException {
            if (!Files.isExecutable(Path.of(python)) || !Files.isRegularFile(script)) {
                System.out.println("analysis stages: MNE side skipped (" + python + " or " + script + " missing)");
                return null;
            }
            ProcessBuilder builder = new ProcessBuilder(python, script.toString()).redirectErrorStream(true);
            builder.environment().put("MPLBACKEND", "Agg");
            Mne mne = new Mne(builder.start());
            System.out.println("analysis stages: MNE " + mne.answer().getString("mne"));
            return mne;
        }

        void load(Path file) throws IOException {
            send(Json.createObjectBuilder().add("file", file.toString()).build());
            answer();
        }

        JsonObject run(String name, String code) throws IOException {
            send(Json.createObjectBuilder().add("name", name).add("code", code).build());
            return answer();
        }

        private void send(JsonObject request) throws IOException {
            requests.write(request.toString());
            requests.newLine();
            requests.flush();
        }

        private JsonObject answer() throws IOException {
            for (String line; (line = answers.readLine()) != null; ) {
                if (line.startsWith(PREFIX)) {
                    try (JsonReader reader = Json.createReader(new StringReader(line.substring(PREFIX.length())))) {
                        return reader.readObject();
                    }
                }
                chatter.append(line).append('\n');
            }
            throw new IOException("the MNE side ended without an answer:\n" + chatter);
        }

        @Override
        public void close() {
            try {
                requests.close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (IOException e) {
                process.destroy();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }
}
