package org.eegworkflow.eeg.bids;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.Samples;

/**
 * Writes a study's processed recordings into a BIDS dataset's {@code derivatives/<pipeline>/} in the BIDS
 * derivatives layout: {@code dataset_description.json} ({@code DatasetType: derivative}, {@code GeneratedBy}), and
 * per recording the source's entities plus {@code desc-<label>}: BrainVision ({@code _eeg.vhdr}, {@code .vmrk},
 * {@code .eeg} as IEEE float32 µV, vectorized), {@code _eeg.json}, {@code _channels.tsv} and {@code _events.tsv};
 * tables as TSV with a JSON sidecar.
 */
public final class Derivatives {
    /** A BIDS label: letters and digits. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern KEY_ENTITY = Pattern.compile("(sub|ses|task|acq|run)-([A-Za-z0-9]+)");
    private static final int CHUNK = 8192;

    private final Path root;

    private Derivatives(Path root) {
        this.root = root;
    }

    /**
     * The pipeline's folder {@code <dataset>/derivatives/<pipeline>}, its {@code dataset_description.json} written.
     *
     * @param generatedBy what made it: {@code Name}, {@code Version}, {@code Description} (the workflow and job)
     */
    public static Derivatives open(Path dataset, String pipeline, Map<String, String> generatedBy,
                                   String sourceName) {
        if (!LABEL.matcher(pipeline).matches() && !pipeline.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("pipeline name '" + pipeline + "' must be letters, digits, dots,"
                    + " dashes or underscores");
        }
        Path root = dataset.resolve("derivatives").resolve(pipeline);
        try {
            Files.createDirectories(root);
            var generator = Json.createObjectBuilder();
            generatedBy.forEach(generator::add);
            JsonObject description = Json.createObjectBuilder()
                    .add("Name", pipeline + " derivatives" + (sourceName == null ? "" : " of " + sourceName))
                    .add("BIDSVersion", "1.8.0")
                    .add("DatasetType", "derivative")
                    .add("GeneratedBy", Json.createArrayBuilder().add(generator))
                    .build();
            writeJson(root.resolve("dataset_description.json"), description);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root + ": " + e.getMessage(), e);
        }
        return new Derivatives(root);
    }

    public Path root() {
        return root;
    }

    /** The entities of an element key ({@code sub-01_ses-1_task-faces_run-1}), in BIDS order. */
    public static String entities(String key) {
        StringBuilder name = new StringBuilder();
        var matcher = KEY_ENTITY.matcher(key);
        while (matcher.find()) {
            if (name.length() > 0) {
                name.append('_');
            }
            name.append(matcher.group(1)).append('-').append(matcher.group(2));
        }
        if (name.indexOf("sub-") != 0) {
            throw new IllegalArgumentException("element '" + key + "' is not named by BIDS entities (sub-..._task-...):"
                    + " BIDS derivatives need recordings of a BIDS dataset");
        }
        return name.toString();
    }

    /** Writes one processed recording; @return its header file, relative to the pipeline folder */
    public String recording(String key, String desc, EegData data) {
        String entities = entities(key);
        String subject = entities.split("_")[0];
        var ses = java.util.regex.Pattern.compile("_(ses-[A-Za-z0-9]+)").matcher(entities);
        Path folder = root.resolve(subject);
        if (ses.find()) {
            folder = folder.resolve(ses.group(1));
        }
        folder = folder.resolve("eeg");
        String stem = entities + "_desc-" + desc;
        try {
            Files.createDirectories(folder);
            writeSamples(folder.resolve(stem + "_eeg.eeg"), data);
            writeHeader(folder.resolve(stem + "_eeg.vhdr"), stem, data);
            writeMarkers(folder.resolve(stem + "_eeg.vmrk"), stem, data);
            String task = entities.replaceAll(".*task-([A-Za-z0-9]+).*", "$1");
            writeJson(folder.resolve(stem + "_eeg.json"), Json.createObjectBuilder()
                    .add("TaskName", entities.contains("task-") ? task : "n/a")
                    .add("SamplingFrequency", data.samplingRate())
                    .add("EEGReference", "n/a")
                    .add("PowerLineFrequency", "n/a")
                    .add("SoftwareFilters", "n/a")
                    .add("EEGChannelCount", count(data, ChannelKind.EEG))
                    .add("RecordingDuration", data.sampleCount() / data.samplingRate())
                    .build());
            try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(stem + "_channels.tsv"))) {
                out.write("name\ttype\tunits\n");
                for (int c = 0; c < data.channelCount(); c++) {
                    out.write(data.channelNames().get(c) + "\t"
                            + (data.channelKinds().get(c) == ChannelKind.EEG ? "EEG" : "MISC") + "\tµV\n");
                }
            }
            try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(stem + "_events.tsv"))) {
                out.write("onset\tduration\ttrial_type\n");
                for (Annotation a : data.annotations()) {
                    out.write(number(a.onset()) + "\t" + number(a.duration()) + "\t" + tsvText(a.description())
                            + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(stem) + ": " + e.getMessage(), e);
        }
        return root.relativize(folder.resolve(stem + "_eeg.vhdr")).toString().replace('\\', '/');
    }

    /** Writes a table of the study (a row per recording) as {@code desc-<label>_<name>.tsv} with its JSON sidecar. */
    public String table(String desc, String name, List<String> header, List<List<Object>> rows,
                        Map<String, String> columnDescriptions) {
        String stem = "desc-" + desc + "_" + name;
        try (BufferedWriter out = Files.newBufferedWriter(root.resolve(stem + ".tsv"))) {
            out.write(String.join("\t", header.stream().map(Derivatives::tsvText).toList()) + "\n");
            for (List<Object> row : rows) {
                out.write(String.join("\t", row.stream().map(v -> v instanceof Number n ? number(n.doubleValue())
                        : v == null ? "n/a" : tsvText(v.toString())).toList()) + "\n");
            }
            var sidecar = Json.createObjectBuilder();
            header.forEach(column -> sidecar.add(column, Json.createObjectBuilder().add("Description",
                    columnDescriptions.getOrDefault(column, column))));
            writeJson(root.resolve(stem + ".json"), sidecar.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(stem) + ".tsv: " + e.getMessage(), e);
        }
        return stem + ".tsv";
    }

    private static int count(EegData data, ChannelKind kind) {
        return (int) data.channelKinds().stream().filter(k -> k == kind).count();
    }

    private static void writeSamples(Path file, EegData data) throws IOException {
        Samples samples = data.samples();
        double[] run = new double[CHUNK];
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            // vectorized: channel after channel, streamed a run at a time (a recording may be far bigger than the heap)
            for (int c = 0; c < samples.rows(); c++) {
                for (long from = 0; from < samples.columns(); from += CHUNK) {
                    int n = (int) Math.min(CHUNK, samples.columns() - from);
                    samples.read(c, from, run, 0, n);
                    bytes.clear();
                    for (int i = 0; i < n; i++) {
                        bytes.putFloat((float) (run[i] * 1e6));
                    }
                    out.write(bytes.array(), 0, n * 4);
                }
            }
        }
    }

    private static void writeHeader(Path file, String stem, EegData data) throws IOException {
        StringBuilder vhdr = new StringBuilder("Brain Vision Data Exchange Header File Version 1.0\r\n")
                .append("; written by the EEG Workflow System as a BIDS derivative\r\n\r\n[Common Infos]\r\n")
                .append("Codepage=UTF-8\r\nDataFile=").append(stem).append("_eeg.eeg\r\nMarkerFile=").append(stem)
                .append("_eeg.vmrk\r\nDataFormat=BINARY\r\nDataOrientation=VECTORIZED\r\nNumberOfChannels=")
                .append(data.channelCount()).append("\r\nSamplingInterval=")
                .append(number(1e6 / data.samplingRate())).append("\r\n\r\n[Binary Infos]\r\n")
                .append("BinaryFormat=IEEE_FLOAT_32\r\n\r\n[Channel Infos]\r\n");
        for (int c = 0; c < data.channelCount(); c++) {
            vhdr.append("Ch").append(c + 1).append('=').append(data.channelNames().get(c).replace(",", "\\1"))
                    .append(",,1,µV\r\n");
        }
        Files.writeString(file, vhdr, StandardCharsets.UTF_8);
    }

    private static void writeMarkers(Path file, String stem, EegData data) throws IOException {
        StringBuilder vmrk = new StringBuilder("Brain Vision Data Exchange Marker File Version 1.0\r\n\r\n")
                .append("[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=").append(stem).append("_eeg.eeg\r\n\r\n")
                .append("[Marker Infos]\r\nMk1=New Segment,,1,1,0\r\n");
        int n = 2;
        for (Annotation a : data.annotations()) {
            long sample = Math.round(a.onset() * data.samplingRate()) + 1;
            long length = Math.max(1, Math.round(a.duration() * data.samplingRate()));
            vmrk.append("Mk").append(n++).append("=Stimulus,").append(a.description().replace(",", "\\1"))
                    .append(',').append(sample).append(',').append(length).append(",0\r\n");
        }
        Files.writeString(file, vmrk, StandardCharsets.UTF_8);
    }

    private static void writeJson(Path file, JsonObject value) throws IOException {
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (var writer = factory.createWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            writer.writeObject(value);
        }
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.10g", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String tsvText(String text) {
        return text == null || text.isEmpty() ? "n/a" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
