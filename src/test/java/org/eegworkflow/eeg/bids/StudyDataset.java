package org.eegworkflow.eeg.bids;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.blocks.EegTypes;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Struct;

/**
 * A synthetic EEG-BIDS study written at test time (issue 17): N subjects (20 by default) of task {@code faces}, their
 * recordings cycling BrainVision (IEEE_FLOAT_32 and INT_16 in turn), EDF+ and EEGLAB (.set + .fdt, MAT v5, the nested
 * {@code EEG} struct), 60 s at 250 Hz of 12 or 14 EEG channels: noise, alpha and a DC offset, plus an evoked component
 * (a few µV peaking 300 ms after onset, parietal) after every {@code face} event and nothing after {@code house}.
 * The same events are in {@code _events.tsv} and in the recording's own markers, so a recording read alone gives
 * the epochs it gives in the dataset. Sidecars: {@code _channels.tsv} (one or two bad channels in some subjects),
 * {@code task-faces_eeg.json} at the top, {@code dataset_description.json}, {@code participants.tsv}.
 *
 * <p>Deterministic: each subject's data come from a generator seeded by the subject, so one subject can be written
 * again alone ({@link #writeSubject}) byte for byte, and the MNE references
 * ({@code reference/study/make_study_reference.py}) are made from the files {@link #main} writes; {@link #digest}
 * checks that the generator still writes those.
 */
public final class StudyDataset {
    public static final int SUBJECTS = 20;
    /**
     * The recordings' size: the tests' dataset (and its MNE references) is 60 s at 250 Hz of 12 channels; StudyBench
     * writes a lab's size with {@code -Dstudydataset.seconds}, {@code .rate} and {@code .channels} (channels past the
     * named ones are {@code E13}, {@code E14}, ...).
     */
    public static final int RATE = Integer.getInteger("studydataset.rate", 250);
    public static final int SECONDS = Integer.getInteger("studydataset.seconds", 60);
    private static final int MORE_CHANNELS = Math.max(0, Integer.getInteger("studydataset.channels", 12) - 12);
    public static final String TASK = "faces";
    public static final long SEED = 17;
    /** The channels every subject has; every fourth subject has {@link #EXTRA} too. */
    public static final List<String> CHANNELS = List.of("Fp1", "Fp2", "F3", "Fz", "F4", "C3", "Cz", "C4", "P3", "Pz",
            "P4", "Oz");
    public static final List<String> EXTRA = List.of("T7", "T8");
    /** Where the component shows, and how strongly (of its amplitude). */
    public static final Map<String, Double> COMPONENT = Map.of("Pz", 1.0, "P3", 0.7, "P4", 0.7, "Cz", 0.5);
    /** The component's peak after the event, in seconds, and its width (a Gaussian's sigma). */
    public static final double PEAK = 0.3;
    private static final double WIDTH = 0.05;

    /** The conditions the study workflow averages, each in its own chain. */
    public static final List<String> CONDITIONS = List.of("face", "house");
    /** The study workflow's blocks per condition: EpochExtraction, EpochAveraging, GrandAverage, Export. */
    public static final Map<String, int[]> BLOCKS = Map.of("face", new int[] {3, 4, 5, 6},
            "house", new int[] {7, 8, 9, 10});

    /** The recording formats the subjects cycle through. */
    public enum Format {
        BRAINVISION(".vhdr"), EDF(".edf"), EEGLAB(".set");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** An event: its sample (0-based) and trial type. */
    public record Event(int sample, String type) {
        public double onset() {
            return sample / (double) RATE;
        }
    }

    /** What was written for one subject. */
    public record Subject(int number, String label, Format format, List<String> channels, List<String> bad,
                         List<Event> events, Path recording) {
        public String key() {
            return "sub-" + label + "_task-" + TASK;
        }

        public long count(String type) {
            return events.stream().filter(e -> e.type().equals(type)).count();
        }
    }

    private StudyDataset() {
    }

    /** Writes the reference dataset: {@code target/study-reference-dataset}, or the folder given. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/study-reference-dataset");
        long start = System.nanoTime();
        write(folder, SUBJECTS);
        System.out.printf(Locale.ROOT, "wrote %d subjects into %s in %d ms, digest %s%n", SUBJECTS, folder,
                (System.nanoTime() - start) / 1_000_000, digest(folder));
    }

    /** Writes the study of {@code subjects} subjects into {@code folder} (created; it should be empty). */
    public static List<Subject> write(Path folder, int subjects) throws IOException {
        return write(folder, subjects, false);
    }

    /**
     * Writes the study with or without {@link #ARTEFACTS}: eye blinks and 50 Hz line noise over the same signals, for
     * the ERP workflow of issue 19 (notch, ICA blink removal). Without them the files are the reference dataset's.
     */
    public static List<Subject> write(Path folder, int subjects, boolean artefacts) throws IOException {
        Files.createDirectories(folder);
        BidsFixtures.write(folder.resolve("dataset_description.json"), """
                {"Name": "Synthetic faces study", "BIDSVersion": "1.9.0", "DatasetType": "raw",
                 "GeneratedBy": [{"Name": "eeg-workflow StudyDataset", "Description": "seed %d"}]}
                """.formatted(SEED));
        BidsFixtures.write(folder.resolve("task-" + TASK + "_eeg.json"), """
                {"TaskName": "%s", "SamplingFrequency": %d, "PowerLineFrequency": 50, "EEGReference": "FCz",
                 "SoftwareFilters": "n/a", "RecordingDuration": %d}
                """.formatted(TASK, RATE, SECONDS));
        List<String> participants = new ArrayList<>(List.of("participant_id|age|sex"));
        List<Subject> written = new ArrayList<>();
        for (int i = 1; i <= subjects; i++) {
            Subject subject = writeSubject(folder, i, artefacts);
            written.add(subject);
            participants.add("sub-" + subject.label() + "|" + (20 + i % 17) + "|" + (i % 2 == 0 ? "F" : "M"));
        }
        BidsFixtures.tsv(folder.resolve("participants.tsv"), participants.toArray(String[]::new));
        return written;
    }

    /** Writes (again) subject {@code number}'s recording and sidecars, exactly as {@link #write} does. */
    public static Subject writeSubject(Path folder, int number) throws IOException {
        return writeSubject(folder, number, false);
    }

    /** Writes subject {@code number}, with eye blinks and line noise when {@code artefacts}. */
    public static Subject writeSubject(Path folder, int number, boolean artefacts) throws IOException {
        String label = String.format(Locale.ROOT, "%02d", number);
        Format format = Format.values()[(number - 1) % 3];
        List<String> channels = new ArrayList<>(CHANNELS);
        for (int c = 0; c < MORE_CHANNELS; c++) {
            channels.add("E" + (13 + c));
        }
        if (number % 4 == 0) {
            channels.addAll(EXTRA);
        }
        List<String> bad = number % 7 == 0 ? List.of("Fp1", "Oz")
                : number % 4 == 2 ? List.of("Fp2") : List.of();
        Random random = new Random(SEED * 1_000 + number);
        List<Event> events = events(random);
        double[][] microvolts = samples(random, channels, events, 4 + random.nextDouble() * 2);
        if (artefacts) {
            // a generator of their own, so the signals under the artefacts are the reference dataset's
            addArtefacts(new Random(SEED * 7_919 + number), channels, microvolts);
        }

        Path eeg = folder.resolve("sub-" + label + "/eeg");
        Files.createDirectories(eeg);
        String stem = "sub-" + label + "_task-" + TASK;
        Path recording = eeg.resolve(stem + "_eeg" + format.extension);
        switch (format) {
            case BRAINVISION -> brainVision(eeg, stem + "_eeg", channels, microvolts, events, number % 2 == 1);
            case EDF -> edf(recording, channels, microvolts, events);
            case EEGLAB -> eeglab(recording, channels, microvolts, events);
        }
        List<String> channelRows = new ArrayList<>(List.of("name|type|units|status|status_description"));
        for (String channel : channels) {
            boolean isBad = bad.contains(channel);
            channelRows.add(channel + "|EEG|µV|" + (isBad ? "bad|marked bad on purpose (synthetic)" : "good|n/a"));
        }
        BidsFixtures.tsv(eeg.resolve(stem + "_channels.tsv"), channelRows.toArray(String[]::new));
        List<String> eventRows = new ArrayList<>(List.of("onset|duration|trial_type|sample"));
        for (Event e : events) {
            eventRows.add(String.format(Locale.ROOT, "%.3f|0|%s|%d", e.onset(), e.type(), e.sample()));
        }
        BidsFixtures.tsv(eeg.resolve(stem + "_events.tsv"), eventRows.toArray(String[]::new));
        return new Subject(number, label, format, List.copyOf(channels), bad, List.copyOf(events), recording);
    }

    /** 30-60 events from 1 s on, 1.2-1.6 s apart (no two epochs overlap), face or house at random. */
    private static List<Event> events(Random random) {
        List<Event> events = new ArrayList<>();
        int sample = RATE;
        while (sample < (SECONDS - 2) * RATE) {
            events.add(new Event(sample, random.nextBoolean() ? "face" : "house"));
            sample += (int) (1.2 * RATE) + random.nextInt((int) (0.4 * RATE));
        }
        return events;
    }

    /** Channels x samples in µV: a DC offset, noise, 10 Hz alpha, and the component after each face event. */
    private static double[][] samples(Random random, List<String> channels, List<Event> events, double amplitude) {
        int n = RATE * SECONDS;
        double[][] data = new double[channels.size()][n];
        for (int c = 0; c < channels.size(); c++) {
            double offset = random.nextGaussian() * 20;
            double alpha = 2 + random.nextDouble() * 3;
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int s = 0; s < n; s++) {
                data[c][s] = offset + random.nextGaussian() * 6 + alpha * Math.sin(2 * Math.PI * 10 * s / RATE
                        + phase);
            }
            Double weight = COMPONENT.get(channels.get(c));
            if (weight == null) {
                continue;
            }
            for (Event e : events) {
                if (!e.type().equals("face")) {
                    continue;
                }
                for (int s = e.sample(); s < e.sample() + (int) (0.7 * RATE) && s < n; s++) {
                    double t = (s - e.sample()) / (double) RATE - PEAK;
                    data[c][s] += amplitude * weight * Math.exp(-t * t / (2 * WIDTH * WIDTH));
                }
            }
        }
        return data;
    }

    /** How strongly a blink shows on each channel (of its amplitude at Fp1/Fp2); channels not named: 0.1. */
    public static final Map<String, Double> BLINK = Map.ofEntries(Map.entry("Fp1", 1.0), Map.entry("Fp2", 1.0),
            Map.entry("F3", 0.5), Map.entry("Fz", 0.55), Map.entry("F4", 0.5), Map.entry("C3", 0.22),
            Map.entry("Cz", 0.25), Map.entry("C4", 0.22), Map.entry("T7", 0.15), Map.entry("T8", 0.15),
            Map.entry("P3", 0.08), Map.entry("Pz", 0.08), Map.entry("P4", 0.08), Map.entry("Oz", 0.03));
    /** Whether {@link #write(Path, int, boolean)} adds artefacts: blinks 100-200 µV, line noise 50 Hz at 5-10 µV. */
    public static final String ARTEFACTS = "eye blinks (about every 3 s, 100-200 µV at Fp1/Fp2, 80 ms wide) and 50 Hz"
            + " line noise (5-10 µV)";

    /** Eye blinks (one source, a fixed topography, at random times) and 50 Hz line noise on every channel. */
    private static void addArtefacts(Random random, List<String> channels, double[][] uv) {
        int n = uv[0].length;
        double line = 5 + random.nextDouble() * 5;
        double linePhase = random.nextDouble() * 2 * Math.PI;
        double[] blinks = new double[n];
        for (int at = RATE + random.nextInt(RATE); at < n - RATE; at += 2 * RATE + random.nextInt(2 * RATE)) {
            double height = 100 + random.nextDouble() * 100;
            for (int s = Math.max(0, at - RATE / 4); s < Math.min(n, at + RATE / 4); s++) {
                double t = (s - at) / (double) RATE;
                blinks[s] += height * Math.exp(-t * t / (2 * 0.04 * 0.04));
            }
        }
        for (int c = 0; c < channels.size(); c++) {
            double weight = BLINK.getOrDefault(channels.get(c), 0.1);
            for (int s = 0; s < n; s++) {
                uv[c][s] += weight * blinks[s] + line * Math.sin(2 * Math.PI * 50 * s / RATE + linePhase);
            }
        }
    }

    // ---------------------------------------------------------------- BrainVision

    /** Multiplexed BINARY: IEEE_FLOAT_32 at resolution 1 µV, or INT_16 at 0.1 µV; markers {@code Stimulus,face}. */
    private static void brainVision(Path dir, String stem, List<String> channels, double[][] uv, List<Event> events,
                                    boolean float32) throws IOException {
        StringBuilder vhdr = new StringBuilder("Brain Vision Data Exchange Header File Version 1.0\r\n")
                .append("[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=").append(stem).append(".eeg\r\n")
                .append("MarkerFile=").append(stem).append(".vmrk\r\nDataFormat=BINARY\r\n")
                .append("DataOrientation=MULTIPLEXED\r\nNumberOfChannels=").append(channels.size()).append("\r\n")
                .append("SamplingInterval=").append(1_000_000 / RATE).append("\r\n")
                .append("[Binary Infos]\r\nBinaryFormat=").append(float32 ? "IEEE_FLOAT_32" : "INT_16")
                .append("\r\n[Channel Infos]\r\n");
        for (int c = 0; c < channels.size(); c++) {
            vhdr.append("Ch").append(c + 1).append('=').append(channels.get(c)).append(",,")
                    .append(float32 ? "1" : "0.1").append(",µV\r\n");
        }
        Files.writeString(dir.resolve(stem + ".vhdr"), vhdr, StandardCharsets.UTF_8);
        StringBuilder vmrk = new StringBuilder("Brain Vision Data Exchange Marker File, Version 1.0\r\n")
                .append("[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=").append(stem).append(".eeg\r\n")
                .append("[Marker Infos]\r\nMk1=New Segment,,1,1,0\r\n");
        for (int i = 0; i < events.size(); i++) {
            vmrk.append("Mk").append(i + 2).append("=Stimulus,").append(events.get(i).type()).append(',')
                    .append(events.get(i).sample() + 1).append(",1,0\r\n");
        }
        Files.writeString(dir.resolve(stem + ".vmrk"), vmrk, StandardCharsets.UTF_8);
        int n = uv[0].length;
        ByteBuffer data = ByteBuffer.allocate(channels.size() * n * (float32 ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < n; s++) {
            for (double[] channel : uv) {
                if (float32) {
                    data.putFloat((float) channel[s]);
                } else {
                    data.putShort(digital(channel[s]));
                }
            }
        }
        Files.write(dir.resolve(stem + ".eeg"), data.array());
    }

    /** A 16-bit sample at 0.1 µV (BrainVision INT_16 and this EDF's gain). */
    private static short digital(double microvolts) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(microvolts * 10)));
    }

    // ---------------------------------------------------------------- EDF+

    /**
     * EDF+C, data records of one second, physical -3276.8 .. 3276.7 µV over the 16-bit range (0.1 µV a step), an
     * annotation signal whose record holds the events that start in it.
     */
    private static void edf(Path file, List<String> channels, double[][] uv, List<Event> events) throws IOException {
        int annotationBytes = 128;
        int ns = channels.size() + 1;
        List<String> labels = new ArrayList<>(channels);
        labels.add("EDF Annotations");
        StringBuilder h = new StringBuilder();
        h.append(pad("0", 8)).append(pad("X X X X", 80)).append(pad("Startdate 01-JAN-2020 X X X", 80))
                .append("01.01.20").append("00.00.00").append(pad(Integer.toString(256 * (ns + 1)), 8))
                .append(pad("EDF+C", 44)).append(pad(Integer.toString(SECONDS), 8)).append(pad("1", 8))
                .append(pad(Integer.toString(ns), 4));
        labels.forEach(l -> h.append(pad(l, 16)));
        h.append(" ".repeat(80 * ns));
        for (int i = 0; i < ns; i++) {
            h.append(pad(i < channels.size() ? "uV" : "", 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad(i < channels.size() ? "-3276.8" : "-1", 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad(i < channels.size() ? "3276.7" : "1", 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad("-32768", 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad("32767", 8));
        }
        h.append(" ".repeat(80 * ns));
        for (int i = 0; i < ns; i++) {
            h.append(pad(Integer.toString(i < channels.size() ? RATE : annotationBytes / 2), 8));
        }
        h.append(" ".repeat(32 * ns));
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        int recordBytes = channels.size() * RATE * 2 + annotationBytes;
        ByteBuffer out = ByteBuffer.allocate(head.length + recordBytes * SECONDS).order(ByteOrder.LITTLE_ENDIAN);
        out.put(head);
        for (int r = 0; r < SECONDS; r++) {
            for (double[] channel : uv) {
                for (int s = r * RATE; s < (r + 1) * RATE; s++) {
                    out.putShort(digital(channel[s]));
                }
            }
            StringBuilder tal = new StringBuilder("+" + r + "\u0014\u0014\u0000");
            for (Event e : events) {
                if (e.sample() / RATE == r) {
                    tal.append(String.format(Locale.ROOT, "+%.3f\u00150\u0014%s\u0014\u0000", e.onset(), e.type()));
                }
            }
            byte[] t = tal.toString().getBytes(StandardCharsets.UTF_8);
            out.put(t).put(new byte[annotationBytes - t.length]);
        }
        Files.write(file, out.array());
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    // ---------------------------------------------------------------- EEGLAB

    /**
     * MAT v5 {@code .set} with the nested {@code EEG} struct (as {@code pop_saveset} writes it), the samples float32
     * in the {@code .fdt} beside it, one sample of every channel after another; events {@code type}, 1-based
     * {@code latency}, {@code duration}.
     */
    private static void eeglab(Path set, List<String> channels, double[][] uv, List<Event> events)
            throws IOException {
        String name = set.getFileName().toString();
        String fdt = name.substring(0, name.length() - 4) + ".fdt";
        int n = uv[0].length;
        Struct eeg = Mat5.newStruct();
        eeg.set("setname", Mat5.newString("synthetic faces"));
        eeg.set("filename", Mat5.newString(name));
        eeg.set("filepath", Mat5.newString(""));
        eeg.set("nbchan", Mat5.newScalar(channels.size()));
        eeg.set("trials", Mat5.newScalar(1));
        eeg.set("pnts", Mat5.newScalar(n));
        eeg.set("srate", Mat5.newScalar(RATE));
        eeg.set("xmin", Mat5.newScalar(0));
        eeg.set("xmax", Mat5.newScalar((n - 1) / (double) RATE));
        eeg.set("data", Mat5.newString(fdt));
        eeg.set("ref", Mat5.newString("common"));
        Struct chanlocs = Mat5.newStruct(1, channels.size());
        for (int c = 0; c < channels.size(); c++) {
            chanlocs.set("labels", c, Mat5.newString(channels.get(c)));
            chanlocs.set("type", c, Mat5.newString("EEG"));
        }
        eeg.set("chanlocs", chanlocs);
        Struct event = Mat5.newStruct(1, events.size());
        for (int i = 0; i < events.size(); i++) {
            event.set("type", i, Mat5.newString(events.get(i).type()));
            event.set("latency", i, Mat5.newScalar(events.get(i).sample() + 1));
            event.set("duration", i, Mat5.newScalar(0));
            event.set("urevent", i, Mat5.newScalar(i + 1));
        }
        eeg.set("event", event);
        MatFile mat = Mat5.newMatFile();
        mat.addArray("EEG", eeg);
        Mat5.writeToFile(mat, set.toFile());
        // MFL's header text says when the file was made: a fixed one keeps the dataset the same byte for byte
        byte[] bytes = Files.readAllBytes(set);
        byte[] text = String.format(Locale.ROOT, "%-116s", "MATLAB 5.0 MAT-file, Platform: Java,"
                + " Created by eeg-workflow StudyDataset").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, text.length);
        Files.write(set, bytes);
        ByteBuffer data = ByteBuffer.allocate(channels.size() * n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < n; s++) {
            for (double[] channel : uv) {
                data.putFloat((float) channel[s]);
            }
        }
        Files.write(set.resolveSibling(fdt), data.array());
    }

    // ---------------------------------------------------------------- helpers

    /** The file holding subject {@code subject}'s samples (.eeg, .edf or .fdt). */
    public static Path dataFile(Subject subject) {
        String name = subject.recording().getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        return switch (subject.format()) {
            case BRAINVISION -> subject.recording().resolveSibling(stem + ".eeg");
            case EDF -> subject.recording();
            case EEGLAB -> subject.recording().resolveSibling(stem + ".fdt");
        };
    }

    /** Cuts a subject's data file to half its length, as an interrupted copy leaves it. */
    public static Path truncate(Subject subject) throws IOException {
        Path data = dataFile(subject);
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return data;
    }

    /** {@code <folder>.zip} beside the folder, its entries under the folder's name, as a desktop zips a folder. */
    public static Path zip(Path folder) throws IOException {
        Path zip = folder.resolveSibling(folder.getFileName() + ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(folder.getParent().relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    /**
     * SHA-256 over the dataset's files in path order (each relative path, a NUL, its bytes): the references' log
     * records it, so a change to the generator shows as a digest that no longer matches the references.
     */
    public static String digest(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : paths.filter(Files::isRegularFile).map(folder::relativize)
                    .sorted((a, b) -> a.toString().replace('\\', '/').compareTo(b.toString().replace('\\', '/')))
                    .toList()) {
                sha.update(p.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(folder.resolve(p)));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the study workflow and its MNE references

    /** DatasetProvider (1) -> Filter (2) -> per condition EpochExtraction -> EpochAveraging -> GrandAverage -> Export. */
    public static String workflow(String folder) {
        StringBuilder blocks = new StringBuilder("""
                {"id": 1, "type": "DatasetProvider", "module": "%1$s", "values": {"Dataset Folder": "%2$s"}},
                {"id": 2, "type": "Filter", "module": "%1$s",
                 "values": {"Low Cutoff Frequency": "1", "High Cutoff Frequency": "40"}}""".formatted(EegTypes.MODULE, folder));
        StringBuilder edges = new StringBuilder("""
                {"id": 1, "block1": 1, "connector1": ["EEGData", "output"], "block2": 2,
                 "connector2": ["EEGData", "input"]}""");
        int edge = 1;
        for (String condition : CONDITIONS) {
            int[] b = BLOCKS.get(condition);
            blocks.append(",\n").append("""
                    {"id": %2$d, "type": "EpochExtraction", "module": "%1$s", "values": {"Event Id": "%6$s"}},
                    {"id": %3$d, "type": "EpochAveraging", "module": "%1$s"},
                    {"id": %4$d, "type": "GrandAverage", "module": "%1$s"},
                    {"id": %5$d, "type": "Export", "module": "%1$s", "values": {"File name": "%6$s"}}"""
                    .formatted(EegTypes.MODULE, b[0], b[1], b[2], b[3], condition));
            int[][] pairs = {{2, b[0], 0}, {b[0], b[1], 1}, {b[1], b[2], 1}, {b[2], b[3], 1}};
            for (int[] p : pairs) {
                String port = p[2] == 0 ? "EEGData" : "Epochs";
                edges.append(",\n").append("""
                        {"id": %d, "block1": %d, "connector1": ["%s", "output"], "block2": %d,
                         "connector2": ["%s", "input"]}""".formatted(++edge, p[0], port, p[1], port));
            }
        }
        return "{\"blocks\": [" + blocks + "], \"edges\": [" + edges + "]}";
    }

    /** An evoked as make_study_reference.py stored it: channel names, rows of times in volts. */
    public record Reference(List<String> names, List<double[]> rows) {
    }

    public static Reference reference(String name) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(EegTestData.file("reference/study/" + name + ".csv.gz"))),
                StandardCharsets.US_ASCII))) {
            List<String> names = Arrays.asList(in.readLine().split(","));
            List<double[]> rows = in.lines()
                    .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
            return new Reference(names, rows);
        }
    }

    /** The digest of the dataset the references were made from (study.log). */
    public static String referenceDigest() throws IOException {
        return Files.readAllLines(EegTestData.file("reference/study/study.log")).stream()
                .filter(l -> l.startsWith("dataset digest ")).findFirst().orElseThrow().substring(15);
    }
}
