package org.eegworkflow.testsupport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a long, wide BrainVision recording out of a short real one (multiplexed INT_16, such as MNE's test.vhdr): each
 * sample frame is repeated {@code channelCopies} times side by side (64 channels out of 32: the copies are named
 * {@code FP1_2}, ...), and the whole recording {@code timeCopies} times one after another, with its markers shifted
 * into each copy. A long recording an EEG lab would have, made from real signal, that nobody needs to commit: the
 * result is a function of the source and the two counts, so MNE references made from it once stay valid.
 *
 * <p>The header keeps the source's channel lines (units, resolutions) and drops its {@code [Comment]} section (the
 * amplifier's channel table, which would no longer match). Only the first copy keeps the "New Segment" marker: the
 * joins are discontinuities in the signal, which the pipelines built from it do not mind.
 */
public final class BrainVisionTiler {
    private static final Pattern CHANNEL = Pattern.compile("Ch(\\d+)=([^,]*)(,.*)?");
    private static final Pattern MARKER = Pattern.compile("Mk(\\d+)=([^,]*),([^,]*),(\\d+),(.*)");

    private BrainVisionTiler() {
    }

    /** What was written: the header, and the shape of the recording. */
    public record Tiled(Path header, int channels, long samples, int markers, long dataBytes) {
        public double seconds(double rate) {
            return samples / rate;
        }
    }

    /**
     * Writes {@code <target>.vhdr/.vmrk/.eeg} unless they already exist with the expected data size (tiling a
     * one-hour file takes a few seconds, but a benchmark run several times should not pay it each time).
     *
     * @param target the base name, e.g. {@code target/bench/long_64ch_1h} (without extension)
     */
    public static Tiled tile(Path sourceHeader, Path target, int channelCopies, int timeCopies) throws IOException {
        if (channelCopies < 1 || timeCopies < 1) {
            throw new IllegalArgumentException("copies must be at least 1");
        }
        List<String> header = Files.readAllLines(sourceHeader, StandardCharsets.UTF_8);
        int channels = Integer.parseInt(setting(header, "NumberOfChannels", sourceHeader));
        require(setting(header, "BinaryFormat", sourceHeader).equals("INT_16"), sourceHeader, "BinaryFormat=INT_16");
        require(setting(header, "DataOrientation", sourceHeader).equals("MULTIPLEXED"), sourceHeader,
                "DataOrientation=MULTIPLEXED");
        Path folder = sourceHeader.toAbsolutePath().getParent();
        Path sourceData = folder.resolve(setting(header, "DataFile", sourceHeader));
        Path sourceMarkers = folder.resolve(setting(header, "MarkerFile", sourceHeader));
        byte[] data = Files.readAllBytes(sourceData);
        int frameBytes = channels * 2;
        require(data.length % frameBytes == 0, sourceData, "whole frames of " + channels + " INT_16 channels");
        int frames = data.length / frameBytes;

        String base = target.getFileName().toString();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path vhdr = dir.resolve(base + ".vhdr");
        Path vmrk = dir.resolve(base + ".vmrk");
        Path eeg = dir.resolve(base + ".eeg");
        long dataBytes = (long) data.length * channelCopies * timeCopies;
        List<String> markerLines = markers(Files.readAllLines(sourceMarkers, StandardCharsets.UTF_8), base + ".eeg",
                frames, timeCopies);
        int markerCount = (int) markerLines.stream().filter(l -> l.startsWith("Mk")).count();
        Tiled tiled = new Tiled(vhdr, channels * channelCopies, (long) frames * timeCopies, markerCount, dataBytes);
        if (Files.isRegularFile(eeg) && Files.size(eeg) == dataBytes && Files.isRegularFile(vhdr)
                && Files.isRegularFile(vmrk)) {
            return tiled;
        }

        Files.write(vmrk, markerLines, StandardCharsets.UTF_8);
        Files.write(vhdr, header(header, base, channels, channelCopies), StandardCharsets.UTF_8);
        Path partial = dir.resolve(base + ".eeg.partial");
        byte[] wide = new byte[frames * frameBytes * channelCopies];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channelCopies; c++) {
                System.arraycopy(data, f * frameBytes, wide, (f * channelCopies + c) * frameBytes, frameBytes);
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            for (int t = 0; t < timeCopies; t++) {
                out.write(wide);
            }
        }
        Files.move(partial, eeg, StandardCopyOption.REPLACE_EXISTING);
        return tiled;
    }

    private static List<String> header(List<String> source, String base, int channels, int copies) {
        List<String> out = new ArrayList<>();
        List<String> channelLines = new ArrayList<>();
        boolean inChannels = false;
        for (String line : source) {
            String trimmed = line.trim();
            if (trimmed.startsWith("[")) {
                if (trimmed.equalsIgnoreCase("[Comment]")) {
                    break;
                }
                if (inChannels) {
                    out.addAll(wideChannels(channelLines, channels, copies));
                }
                inChannels = trimmed.equalsIgnoreCase("[Channel Infos]");
                out.add(line);
                continue;
            }
            if (inChannels && CHANNEL.matcher(trimmed).matches()) {
                channelLines.add(trimmed);
                continue;
            }
            if (trimmed.startsWith("DataFile=")) {
                out.add("DataFile=" + base + ".eeg");
            } else if (trimmed.startsWith("MarkerFile=")) {
                out.add("MarkerFile=" + base + ".vmrk");
            } else if (trimmed.startsWith("NumberOfChannels=")) {
                out.add("NumberOfChannels=" + channels * copies);
            } else {
                out.add(line);
            }
        }
        if (inChannels) {
            out.addAll(wideChannels(channelLines, channels, copies));
        }
        return out;
    }

    private static List<String> wideChannels(List<String> lines, int channels, int copies) {
        if (lines.size() != channels) {
            throw new IllegalArgumentException(lines.size() + " channel lines for " + channels + " channels");
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < channels; i++) {
                Matcher m = CHANNEL.matcher(lines.get(i));
                if (!m.matches()) {
                    throw new IllegalStateException(lines.get(i));
                }
                String name = c == 0 ? m.group(2) : m.group(2) + "_" + (c + 1);
                out.add("Ch" + (c * channels + i + 1) + "=" + name + (m.group(3) == null ? "" : m.group(3)));
            }
        }
        return out;
    }

    private static List<String> markers(List<String> source, String dataFile, int frames, int copies) {
        List<String> head = new ArrayList<>();
        List<Matcher> marks = new ArrayList<>();
        for (String line : source) {
            Matcher m = MARKER.matcher(line.trim());
            if (m.matches()) {
                marks.add(m);
            } else if (marks.isEmpty()) {
                head.add(line.trim().startsWith("DataFile=") ? "DataFile=" + dataFile : line);
            }
        }
        List<String> out = new ArrayList<>(head);
        int number = 1;
        for (int t = 0; t < copies; t++) {
            for (Matcher m : marks) {
                if (t > 0 && m.group(2).equalsIgnoreCase("New Segment")) {
                    continue;
                }
                long position = Long.parseLong(m.group(4)) + (long) t * frames;
                out.add(String.format(Locale.ROOT, "Mk%d=%s,%s,%d,%s", number++, m.group(2), m.group(3), position,
                        m.group(5)));
            }
        }
        return out;
    }

    private static String setting(List<String> header, String key, Path file) {
        for (String line : header) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new IllegalArgumentException(file + " has no " + key);
    }

    private static void require(boolean condition, Path file, String what) {
        if (!condition) {
            throw new IllegalArgumentException(file + ": the tiler needs " + what);
        }
    }
}
