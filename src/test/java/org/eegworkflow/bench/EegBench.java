package org.eegworkflow.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.dsp.Averaging;
import org.eegworkflow.eeg.dsp.Epoching;
import org.eegworkflow.eeg.dsp.FirFilter;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EventMapping;

/**
 * The EEG path against MNE-Python 1.3 on the same files on the same machine: read, band-pass 1-40 Hz, events plus
 * epochs with baseline correction, average. Each stage is timed in this JVM and in one Python process
 * ({@code src/test/python/mne_bench.py --serve}), both warmed up first, then run alternately (one Java run, one MNE
 * run, ...) so that both see the same load from whatever else the machine runs. It prints a table of medians and
 * best runs and their ratios (MNE / Java; target at least 3) and the peak heap of the one-hour 64-channel recording, which must run
 * within {@code -Xmx2g}.
 *
 * <p>A plain {@code main}, not a JUnit test: {@code mvn -Pbench verify} runs it through exec-maven-plugin in a JVM of
 * its own with {@code -Xmx2g} ({@code mvn -Pbench -DskipITs verify} runs it alone, without the servers). Timings are
 * printed, never asserted (the machine is shared); the exit status is non-zero only when Java and MNE disagree on the
 * results (channels, samples, events, epochs, nave, the average itself) or something fails.
 *
 * <p>System properties: {@code eegbench.out} (work folder, default {@code target/bench-eeg}), {@code eegbench.python}
 * (default {@code /usr/bin/python3}), {@code eegbench.script} (default {@code src/test/python/mne_bench.py}),
 * {@code eegbench.only} (comma-separated recording names to run), {@code eegbench.mne=false} (Java side only),
 * {@code eegbench.verbose=true} (every run's time, not only the medians), {@code eegwf.test.data} (the recordings, see
 * {@link EegTestData}).
 */
public final class EegBench {
    private static final String[] STAGES = {"read", "filter", "epochs", "average"};
    private static final double TARGET_RATIO = 3.0;
    private static final long TWO_GIB = 2L << 30;
    /** MNE's float64 average matches ours to rounding; anything beyond this is a real disagreement. */
    private static final double EVOKED_TOLERANCE = 1e-6;
    private static final int ONE_HOUR_COPIES = 29;
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(4);

    /**
     * One recording and how to epoch it; the same parameters go to both sides.
     *
     * @param javaWarmup whole pipelines run in this JVM before timing (the MNE side gets {@code mneWarmup})
     * @param rounds     timed rounds, each one Java run and one MNE run
     */
    private record Case(String name, Path file, double tmin, double tmax, List<String> eventNames, int javaWarmup,
                        int mneWarmup, int rounds, boolean oneHour) {
    }

    /** What one side measured: stage x run (ms), and what its last run produced. */
    private record Side(double[][] ms, int channels, int samples, int events, int epochs, int nave,
                        double[][] evoked) {
        double median(int stage) {
            return median(ms[stage]);
        }

        double best(int stage) {
            return Arrays.stream(ms[stage]).min().orElse(Double.NaN);
        }

        /** The median of the runs' totals (not the sum of the stages' medians). */
        double medianTotal() {
            return median(totals());
        }

        double bestTotal() {
            return Arrays.stream(totals()).min().orElse(Double.NaN);
        }

        private double[] totals() {
            double[] totals = new double[ms[0].length];
            for (double[] stage : ms) {
                for (int r = 0; r < totals.length; r++) {
                    totals[r] += stage[r];
                }
            }
            return totals;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    private record Heap(long peakUsed, long max) {
    }

    private EegBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("eegbench.out", "target/bench-eeg")).toAbsolutePath();
        Files.createDirectories(out);
        String python = System.getProperty("eegbench.python", "/usr/bin/python3");
        Path script = Path.of(System.getProperty("eegbench.script", "src/test/python/mne_bench.py")).toAbsolutePath();
        boolean wantMne = !"false".equals(System.getProperty("eegbench.mne"));
        Set<String> only = new HashSet<>();
        for (String n : System.getProperty("eegbench.only", "").split(",")) {
            if (!n.isBlank()) {
                only.add(n.trim());
            }
        }

        Path edf = EegTestData.file("edf-eegmmidb/S001R03.edf");
        if (!Files.isRegularFile(edf)) {
            System.out.println("EEG bench: the recordings are not in " + EegTestData.dir() + " (no " + edf
                    + "): set -Deegwf.test.data to the folder holding brainvision-mne/, brainvision-eeguana/ and"
                    + " edf-eegmmidb/");
            System.exit(2);
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("mne-test-i16", EegTestData.file("brainvision-mne/test.vhdr"), -0.2, 0.5, List.of(),
                40, 3, 21, false));
        cases.add(new Case("eeguana-f32", EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr"),
                -0.2, 0.5, List.of(), 40, 3, 21, false));
        cases.add(new Case("eeguana-i16",
                EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr"), -0.2, 0.5, List.of(),
                40, 3, 21, false));
        cases.add(new Case("eeguana-edf", EegTestData.file("brainvision-eeguana/bv_export_edf+.edf"), -0.2, 0.5,
                List.of(), 40, 3, 21, false));
        cases.add(new Case("S001R03", edf, -0.2, 0.5, List.of(), 20, 2, 21, false));
        // motor imagery at 160 Hz: the T1/T2 cue lasts about 4.1 s, so 1 s before it to 4 s after, baseline before
        cases.add(new Case("S001R03-x29-1h", out.resolve("S001R03_x29_1h.edf"), -1.0, 4.0, List.of("T1", "T2"),
                2, 1, 5, true));
        cases.removeIf(c -> !only.isEmpty() && !only.contains(c.name()));

        System.out.printf(Locale.ROOT, "EEG bench: Java %s, %d cores, max heap %d MiB; load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Heap heap = null;
        long[] live = null;
        try (MneProcess mne = wantMne ? MneProcess.start(python, script) : null) {
            if (mne != null) {
                System.out.println("MNE side: " + python + " " + script + " (MNE " + mne.version + ")");
            }
            for (Case c : cases) {
                if (c.oneHour()) {
                    long t = System.nanoTime();
                    EdfTiler.tile(edf, c.file(), ONE_HOUR_COPIES);
                    System.out.printf(Locale.ROOT, "one-hour recording: %s (%d MB, ready in %.1f s)%n", c.file(),
                            Files.size(c.file()) >> 20, (System.nanoTime() - t) / 1e9);
                }
                HeapWatch watch = c.oneHour() ? HeapWatch.start() : null;
                Side[] sides = run(c, mne, out);
                if (watch != null) {
                    heap = watch.stop();
                    live = liveData(c);
                }
                rows.addAll(tableRows(c, sides[0], sides[1]));
                if (sides[1] != null) {
                    problems.addAll(compare(c, sides[0], sides[1]));
                }
            }
        }

        System.out.println();
        System.out.println("ms per stage over alternating runs, both sides warm: the median and the best run; ratio ="
                + " MNE / Java, target >= " + TARGET_RATIO + " ('!' below it)");
        System.out.printf(Locale.ROOT, "%-16s %-8s %10s %10s %8s %10s %10s %8s%n", "recording", "stage", "Java med",
                "MNE med", "MNE/Java", "Java best", "MNE best", "MNE/Java");
        rows.forEach(System.out::println);
        // other processes on a 2-core machine change the figures more than anything measured here
        System.out.printf(Locale.ROOT, "load average at the end: %.2f on %d cores (the figures mean something only on"
                        + " an otherwise idle machine)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        if (heap != null) {
            boolean bounded = heap.max() <= TWO_GIB;
            System.out.printf(Locale.ROOT, "one-hour recording, Java: peak heap used %d MiB (garbage included, over"
                            + " all its runs), max heap %d MiB: %s%n", heap.peakUsed() >> 20, heap.max() >> 20,
                    bounded ? "ran within -Xmx2g" : "heap bound NOT confirmed: run this JVM with -Xmx2g");
            System.out.printf(Locale.ROOT, "one-hour recording, Java: live heap after a full GC at the end of each"
                    + " stage (an untimed run): read %d, filter %d (the recording and its filtered copy), epochs %d,"
                    + " average %d MiB%n", live[0] >> 20, live[1] >> 20, live[2] >> 20, live[3] >> 20);
        }
        if (!"false".equals(System.getProperty("eegbench.analysis"))) {
            // issue 19's analysis stages (notch, resample, spectra, time-frequency, ICA) on the same hour
            Path hour = out.resolve("S001R03_x29_1h.edf");
            if (!Files.isRegularFile(hour)) {
                EdfTiler.tile(edf, hour, ONE_HOUR_COPIES);
            }
            problems.addAll(org.eegworkflow.bench.analysis.AnalysisBench.run(edf, hour, out, python, wantMne));
        }
        if (problems.isEmpty()) {
            System.out.println(wantMne ? "results agree with MNE: channels, samples, events, epochs, nave and the"
                    + " averages (max relative difference <= " + EVOKED_TOLERANCE + ")"
                    : "MNE side skipped: results not cross-checked");
        } else {
            problems.forEach(p -> System.out.println("DISAGREEMENT: " + p));
        }
        // JTransforms' pool threads are not daemons and would hold the JVM for their minute of idle time
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Warms both sides up, then alternates them; returns {Java, MNE or null}. */
    private static Side[] run(Case c, MneProcess mne, Path out) throws IOException {
        // iterations and time both: the FFT's inner loops reach C2 only after some thousands of calls
        long warmEnd = System.nanoTime() + (c.oneHour() ? 0 : WARMUP_NANOS);
        for (int i = 0; i < c.javaWarmup() || System.nanoTime() < warmEnd; i++) {
            pipeline(c, new double[STAGES.length]);
        }
        if (mne != null) {
            mne.run(c, c.mneWarmup(), null);
        }
        double[][] javaMs = new double[STAGES.length][c.rounds()];
        double[][] mneMs = new double[STAGES.length][c.rounds()];
        double[] one = new double[STAGES.length];
        Side java = null;
        JsonObject last = null;
        Path evokedFile = out.resolve("mne_evoked_" + c.name() + ".csv");
        for (int r = 0; r < c.rounds(); r++) {
            java = pipeline(c, one);
            for (int s = 0; s < STAGES.length; s++) {
                javaMs[s][r] = one[s];
            }
            if (mne != null) {
                last = mne.run(c, 1, r == c.rounds() - 1 ? evokedFile : null);
                JsonObject times = last.getJsonArray("runs").getJsonObject(0);
                for (int s = 0; s < STAGES.length; s++) {
                    mneMs[s][r] = times.getJsonNumber(STAGES[s]).doubleValue() * 1e3;
                }
            }
        }
        if (Boolean.getBoolean("eegbench.verbose")) {
            for (int s = 0; s < STAGES.length; s++) {
                System.out.printf(Locale.ROOT, "%s %s ms, Java: %s%n      MNE: %s%n", c.name(), STAGES[s],
                        runs(javaMs[s]), mne == null ? "-" : runs(mneMs[s]));
            }
        }
        Side javaSide = new Side(javaMs, java.channels(), java.samples(), java.events(), java.epochs(), java.nave(),
                java.evoked());
        if (mne == null) {
            return new Side[] {javaSide, null};
        }
        return new Side[] {javaSide, new Side(mneMs, last.getInt("n_channels"), last.getInt("n_times"),
                last.getInt("n_events"), last.getInt("n_epochs"), last.getInt("nave"), readCsv(evokedFile))};
    }

    /** One whole pipeline in this JVM; stage times (ms) go into {@code ms}. Nothing of a previous run stays reachable. */
    private static Side pipeline(Case c, double[] ms) {
        Samples.Factory files = values();
        long t0 = System.nanoTime();
        EegData raw = read(c, files);
        long t1 = System.nanoTime();
        EegData filtered = FirFilter.filter(raw, 1.0, 40.0, files);
        long t2 = System.nanoTime();
        int channels = raw.channelCount();
        int samples = raw.sampleCount();
        raw = null; // MNE filters in place: the unfiltered samples need not stay alive beside the rest
        Events events = EventMapping.fromAnnotations(filtered);
        Set<Integer> ids = new HashSet<>();
        for (String name : c.eventNames()) {
            Integer id = events.idsByDescription().get(name);
            if (id == null) {
                throw new IllegalStateException(c.file() + " has no '" + name + "' events (it has "
                        + events.idsByDescription().keySet() + ")");
            }
            ids.add(id);
        }
        Epochs epochs = Epoching.extract(filtered, events, c.tmin(), c.tmax(), true, null, 0.0, ids);
        long t3 = System.nanoTime();
        Epochs average = Averaging.average(epochs);
        long t4 = System.nanoTime();
        ms[0] = (t1 - t0) / 1e6;
        ms[1] = (t2 - t1) / 1e6;
        ms[2] = (t3 - t2) / 1e6;
        ms[3] = (t4 - t3) / 1e6;
        return new Side(null, channels, samples, events.count(), epochs.epochCount(), average.nave(),
                average.data()[0]);
    }

    /**
     * The heap the pipeline really needs: one untimed run holding what {@link #pipeline} holds, with a full GC and the
     * used heap at the end of each stage (the peak figures of a timed run include garbage not yet collected).
     */
    private static long[] liveData(Case c) {
        long[] live = new long[STAGES.length];
        Samples.Factory files = values();
        EegData raw = read(c, files);
        live[0] = usedAfterGc();
        EegData filtered = FirFilter.filter(raw, 1.0, 40.0, files);
        live[1] = usedAfterGc();
        raw = null;
        Events events = EventMapping.fromAnnotations(filtered);
        Set<Integer> ids = new HashSet<>();
        c.eventNames().forEach(name -> ids.add(events.idsByDescription().get(name)));
        Epochs epochs = Epoching.extract(filtered, events, c.tmin(), c.tmax(), true, null, 0.0, ids);
        live[2] = usedAfterGc();
        Epochs average = Averaging.average(epochs);
        live[3] = usedAfterGc();
        if (average.nave() != epochs.epochCount() || filtered.channelCount() == 0) {
            throw new IllegalStateException("unexpected average");
        }
        return live;
    }

    /** Samples as the engine keeps them: in files (of a folder emptied for each run), the heap for small ones. */
    private static Samples.Factory values() {
        Path folder = Path.of(System.getProperty("eegbench.out", "target/bench-eeg")).toAbsolutePath()
                .resolve("values");
        org.eegworkflow.platform.Folders.deleteRecursively(folder);
        return (rows, columns) -> Samples.writer(folder, rows, columns);
    }

    private static EegData read(Case c, Samples.Factory files) {
        return c.file().toString().endsWith(".vhdr") ? BrainVisionReader.read(c.file(), w -> { }, files)
                : EdfReader.read(c.file(), w -> { }, files);
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<String> compare(Case c, Side java, Side mne) {
        List<String> problems = new ArrayList<>();
        String[] what = {"channels", "samples", "events", "epochs", "nave"};
        int[] ours = {java.channels(), java.samples(), java.events(), java.epochs(), java.nave()};
        int[] theirs = {mne.channels(), mne.samples(), mne.events(), mne.epochs(), mne.nave()};
        for (int i = 0; i < what.length; i++) {
            if (ours[i] != theirs[i]) {
                problems.add(c.name() + ": " + what[i] + " Java " + ours[i] + ", MNE " + theirs[i]);
            }
        }
        double[][] a = java.evoked();
        double[][] b = mne.evoked();
        if (a.length != b.length || a[0].length != b[0].length) {
            problems.add(c.name() + ": the average is " + a.length + " x " + a[0].length + " in Java, " + b.length
                    + " x " + b[0].length + " in MNE");
            return problems;
        }
        double peak = 0;
        double diff = 0;
        for (int ch = 0; ch < b.length; ch++) {
            for (int t = 0; t < b[ch].length; t++) {
                peak = Math.max(peak, Math.abs(b[ch][t]));
                diff = Math.max(diff, Math.abs(b[ch][t] - a[ch][t]));
            }
        }
        double relative = peak == 0 ? diff : diff / peak;
        System.out.printf(Locale.ROOT, "%s: %d x %d samples, %d events, %d epochs, average %d x %d of nave %d;"
                        + " max |Java - MNE| / max |MNE| = %.1e%n", c.name(), java.channels(), java.samples(),
                java.events(), java.epochs(), a.length, a[0].length, java.nave(), relative);
        if (!(relative <= EVOKED_TOLERANCE)) {
            problems.add(c.name() + ": the averages differ by " + relative + " of their peak");
        }
        return problems;
    }

    private static List<String> tableRows(Case c, Side java, Side mne) {
        List<String> rows = new ArrayList<>();
        for (int s = 0; s < STAGES.length; s++) {
            rows.add(row(c.name(), STAGES[s], java.median(s), mne == null ? Double.NaN : mne.median(s),
                    java.best(s), mne == null ? Double.NaN : mne.best(s)));
        }
        rows.add(row(c.name(), "total", java.medianTotal(), mne == null ? Double.NaN : mne.medianTotal(),
                java.bestTotal(), mne == null ? Double.NaN : mne.bestTotal()));
        return rows;
    }

    private static String row(String recording, String stage, double javaMs, double mneMs, double javaBest,
                              double mneBest) {
        return String.format(Locale.ROOT, "%-16s %-8s %10.3f %10.3f %8s %10.3f %10.3f %8s", recording, stage, javaMs,
                mneMs, ratio(mneMs, javaMs), javaBest, mneBest, ratio(mneBest, javaBest));
    }

    private static String ratio(double mne, double java) {
        double ratio = mne / java;
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.1fx%s", ratio, ratio >= TARGET_RATIO ? " " : "!");
    }

    private static String runs(double[] ms) {
        StringBuilder text = new StringBuilder();
        for (double v : ms) {
            text.append(String.format(Locale.ROOT, " %.2f", v));
        }
        return text.toString();
    }

    private static double[][] readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        double[][] rows = new double[lines.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        return rows;
    }

    // ---------------------------------------------------------------- the MNE side

    /** {@code mne_bench.py --serve}: one warm Python process, one JSON request and one JSON answer a line. */
    private static final class MneProcess implements AutoCloseable {
        private static final String PREFIX = "MNE_BENCH ";
        private final Process process;
        private final BufferedWriter requests;
        private final BufferedReader answers;
        private final StringBuilder chatter = new StringBuilder();
        private String version;

        private MneProcess(Process process) {
            this.process = process;
            this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                    StandardCharsets.UTF_8));
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** The running script, or null (with the reason printed) where there is no usable MNE. */
        static MneProcess start(String python, Path script) {
            if (!Files.isExecutable(Path.of(python))) {
                System.out.println("MNE side skipped: " + python + " not found (install Debian's python3-mne, or"
                        + " set -Deegbench.python=...)");
                return null;
            }
            if (!Files.isRegularFile(script)) {
                System.out.println("MNE side skipped: " + script + " not found (run from the project folder or set"
                        + " -Deegbench.script=...)");
                return null;
            }
            MneProcess mne = null;
            try {
                ProcessBuilder builder = new ProcessBuilder(python, script.toString(), "--serve")
                        .redirectErrorStream(true);
                builder.environment().put("MPLBACKEND", "Agg");
                mne = new MneProcess(builder.start());
                mne.version = mne.answer().getString("mne");
                return mne;
            } catch (IOException | RuntimeException e) {
                System.out.println("MNE side skipped: " + python + " " + script + " did not start: " + e.getMessage());
                if (mne != null) {
                    mne.close();
                }
                return null;
            }
        }

        JsonObject run(Case c, int runs, Path evokedOut) throws IOException {
            JsonArrayBuilder events = Json.createArrayBuilder();
            c.eventNames().forEach(events::add);
            JsonObjectBuilder request = Json.createObjectBuilder()
                    .add("file", c.file().toString()).add("tmin", c.tmin()).add("tmax", c.tmax())
                    .add("events", events).add("runs", runs);
            if (evokedOut != null) {
                request.add("evoked_out", evokedOut.toString());
            } else {
                request.add("evoked_out", JsonValue.NULL);
            }
            requests.write(request.build().toString());
            requests.newLine();
            requests.flush();
            return answer();
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

    // ---------------------------------------------------------------- heap

    /** The peak of the used heap while it runs: between collections the heap only grows, so its value before each. */
    private static final class HeapWatch {
        private final AtomicLong peakBefore = new AtomicLong();
        private final Set<String> heapPools = new HashSet<>();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            peakBefore.accumulateAndGet(heapSum(info.getMemoryUsageBeforeGc()), Math::max);
        };

        static HeapWatch start() {
            System.gc(); // start from the live set, not from the garbage of the recordings before
            HeapWatch watch = new HeapWatch();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    watch.heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(watch.listener, null, null);
                    watch.emitters.add(emitter);
                }
            }
            return watch;
        }

        Heap stop() throws Exception {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            Thread.sleep(200); // GC notifications arrive on a thread of their own
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(listener);
            }
            return new Heap(Math.max(peakBefore.get(), used), Runtime.getRuntime().maxMemory());
        }

        private long heapSum(Map<String, MemoryUsage> usage) {
            long sum = 0;
            for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    sum += e.getValue().getUsed();
                }
            }
            return sum;
        }
    }
}
