package org.eegworkflow.eeg.bids;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small recordings and BIDS datasets written by the tests, shaped like the bids-standard bids-examples EEG datasets
 * (the build has no network for the real ones): {@code eeg_matchingpennies} (BrainVision, sub-XX/eeg, task-level
 * sidecars at the top) and {@code eeg_cbm} (sessions, runs, EDF).
 */
public final class BidsFixtures {
    private BidsFixtures() {
    }

    /** A marker: {@code Stimulus/S  1} at a sample (1-based, as BrainVision counts). */
    public record Marker(String type, String description, int sample) {
    }

    /** Writes {@code <stem>.vhdr}, {@code .vmrk} and {@code .eeg} (INT_16, multiplexed); returns the header. */
    public static Path brainVision(Path dir, String stem, List<String> channels, double rate, int samples,
                                   List<Marker> markers) throws IOException {
        Files.createDirectories(dir);
        StringBuilder vhdr = new StringBuilder("Brain Vision Data Exchange Header File Version 1.0\r\n")
                .append("[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=").append(stem).append(".eeg\r\n")
                .append("MarkerFile=").append(stem).append(".vmrk\r\nDataFormat=BINARY\r\n")
                .append("DataOrientation=MULTIPLEXED\r\nNumberOfChannels=").append(channels.size()).append("\r\n")
                .append("SamplingInterval=").append(fmt(1e6 / rate)).append("\r\n")
                .append("[Binary Infos]\r\nBinaryFormat=INT_16\r\n[Channel Infos]\r\n");
        for (int c = 0; c < channels.size(); c++) {
            vhdr.append("Ch").append(c + 1).append('=').append(channels.get(c)).append(",,0.1,µV\r\n");
        }
        Path header = dir.resolve(stem + ".vhdr");
        Files.writeString(header, vhdr, StandardCharsets.UTF_8);
        StringBuilder vmrk = new StringBuilder("Brain Vision Data Exchange Marker File, Version 1.0\r\n")
                .append("[Common Infos]\r\nCodepage=UTF-8\r\nDataFile=").append(stem).append(".eeg\r\n")
                .append("[Marker Infos]\r\nMk1=New Segment,,1,1,0\r\n");
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            vmrk.append("Mk").append(i + 2).append('=').append(m.type()).append(',').append(m.description())
                    .append(',').append(m.sample()).append(",1,0\r\n");
        }
        Files.writeString(dir.resolve(stem + ".vmrk"), vmrk, StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(channels.size() * samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < channels.size(); c++) {
                data.putShort((short) ((s * 7 + c * 13) % 2000 - 1000));
            }
        }
        Files.write(dir.resolve(stem + ".eeg"), data.array());
        return header;
    }

    /** An annotation of an EDF+ file. */
    public record Annotation(double onset, double duration, String text) {
    }

    /**
     * Writes an EDF+ (or BDF+) file: {@code channels} signals at {@code rate} Hz in data records of one second, and
     * an annotation signal holding {@code annotations} in the first record.
     */
    public static Path edf(Path file, boolean bdf, List<String> channels, int rate, int seconds,
                           List<Annotation> annotations) throws IOException {
        Files.createDirectories(file.getParent());
        int annotationSamples = 200;
        int bytesPerSample = bdf ? 3 : 2;
        int ns = channels.size() + 1;
        List<String> labels = new ArrayList<>(channels);
        labels.add(bdf ? "BDF Annotations" : "EDF Annotations");
        StringBuilder h = new StringBuilder();
        h.append(bdf ? "\u00ffBIOSEMI" : pad("0", 8)).append(pad("X X X X", 80)).append(pad("Startdate X X X X", 80))
                .append("01.01.20").append("00.00.00").append(pad(Integer.toString(256 * (ns + 1)), 8))
                .append(pad(bdf ? "BDF+C" : "EDF+C", 44)).append(pad(Integer.toString(seconds), 8))
                .append(pad("1", 8)).append(pad(Integer.toString(ns), 4));
        for (String l : labels) {
            h.append(pad(l, 16));
        }
        h.append(" ".repeat(80 * ns));
        for (int i = 0; i < ns; i++) {
            h.append(pad(i < channels.size() ? "uV" : "", 8));
        }
        int digMax = bdf ? 8388607 : 32767;
        for (int i = 0; i < ns; i++) {
            h.append(pad(i < channels.size() ? "-3200" : "-1", 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad(i < channels.size() ? "3200" : "1", 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad(Integer.toString(-digMax - 1), 8));
        }
        for (int i = 0; i < ns; i++) {
            h.append(pad(Integer.toString(digMax), 8));
        }
        h.append(" ".repeat(80 * ns));
        for (int i = 0; i < ns; i++) {
            h.append(pad(Integer.toString(i < channels.size() ? rate : annotationSamples * 2 / bytesPerSample), 8));
        }
        h.append(" ".repeat(32 * ns));
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        int annotationBytes = annotationSamples * 2 / bytesPerSample * bytesPerSample;
        int recordBytes = channels.size() * rate * bytesPerSample + annotationBytes;
        ByteBuffer out = ByteBuffer.allocate(head.length + recordBytes * seconds).order(ByteOrder.LITTLE_ENDIAN);
        out.put(head);
        for (int r = 0; r < seconds; r++) {
            for (int c = 0; c < channels.size(); c++) {
                for (int s = 0; s < rate; s++) {
                    int v = (s * 11 + c * 5 + r) % 2000 - 1000;
                    out.put((byte) v).put((byte) (v >> 8));
                    if (bdf) {
                        out.put((byte) (v >> 16));
                    }
                }
            }
            StringBuilder tal = new StringBuilder("+" + r + "\u0014\u0014\u0000");
            if (r == 0) {
                for (Annotation a : annotations) {
                    tal.append('+').append(fmt(a.onset())).append('\u0015').append(fmt(a.duration())).append('\u0014')
                            .append(a.text()).append("\u0014\u0000");
                }
            }
            byte[] t = tal.toString().getBytes(StandardCharsets.UTF_8);
            if (t.length > annotationBytes) {
                throw new IllegalArgumentException("too many annotations for the fixture");
            }
            out.put(t).put(new byte[annotationBytes - t.length]);
        }
        Files.write(file, out.array());
        return file;
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A TSV from rows of cells. */
    public static void tsv(Path file, String... rows) throws IOException {
        write(file, String.join("\n", rows).replace('|', '\t') + "\n");
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
