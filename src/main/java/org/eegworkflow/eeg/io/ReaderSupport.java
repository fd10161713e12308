package org.eegworkflow.eeg.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eegworkflow.sdk.Samples;
import org.eegworkflow.eeg.data.Annotation;

/** What the BrainVision and EDF readers share: units, markers outside the data, channel names, memory. */
final class ReaderSupport {
    /** More channels than any EEG amplifier records: a header asking for more is damaged, not big. */
    static final int MAX_CHANNELS = 1024;

    private ReaderSupport() {
    }

    static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Where warnings go when the caller gives no consumer: the reader's system logger. */
    static Consumer<String> logTo(Class<?> reader) {
        System.Logger log = System.getLogger(reader.getName());
        return message -> log.log(System.Logger.Level.WARNING, message);
    }

    /**
     * Volts per unit for a voltage unit (V, mV, µV in its three spellings, nV), or NaN for anything else. The two
     * micro signs (U+00B5 and U+03BC) and the ASCII stand-in {@code u} all occur in real headers.
     */
    static double voltScale(String unit) {
        switch (unit) {
            case "V":
                return 1;
            case "mV":
                return 1e-3;
            case "\u00b5V":
            case "\u03bcV":
            case "uV":
                return 1e-6;
            case "nV":
                return 1e-9;
            default:
                return Double.NaN;
        }
    }

    /** A text from a file, made safe and short enough to quote in a message. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        int max = 60;
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.append('\'').toString();
    }

    /**
     * The samples arrays of a text recording (text is for small files), refused with a clear message rather than an
     * OutOfMemoryError when they cannot fit: the header has already been checked against the file size, so this only
     * fails for truly huge files.
     */
    static double[][] arrays(Path file, int channels, long samples) {
        if (samples > Integer.MAX_VALUE - 8) {
            throw EegFormatException.in(file, samples + " samples per channel are more than one array can hold ("
                    + (Integer.MAX_VALUE - 8) + "); cut the recording into shorter files");
        }
        long bytes = 8L * channels * samples;
        long max = Runtime.getRuntime().maxMemory();
        String needed = String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        if (bytes > max) {
            throw EegFormatException.in(file, channels + " channels x " + samples + " samples need " + needed
                    + " of memory as 64-bit samples, more than the " + String.format(Locale.ROOT, "%.1f GB", max / 1e9)
                    + " this server may use; cut the recording into shorter files or give the server more memory");
        }
        try {
            double[][] data = new double[channels][];
            for (int c = 0; c < channels; c++) {
                data[c] = new double[(int) samples];
            }
            return data;
        } catch (OutOfMemoryError e) {
            // one big allocation failing leaves the heap as it was: safe to report and go on
            throw EegFormatException.in(file, channels + " channels x " + samples + " samples need " + needed
                    + " of memory as 64-bit samples, more than is free now; try again later or cut the recording"
                    + " into shorter files", e);
        }
    }

    /**
     * The writer of a recording's samples (from the block's context: a file of the job), refused with a clear message
     * rather than an OutOfMemoryError or a bare I/O error when it cannot be had: the header has already been checked
     * against the file size, so this only fails for truly huge files or a full disk.
     */
    static Samples.Writer allocate(Path file, Samples.Factory factory, int channels, long samples) {
        if (samples > Integer.MAX_VALUE - 8) {
            throw EegFormatException.in(file, samples + " samples per channel are more than one array can hold ("
                    + (Integer.MAX_VALUE - 8) + "); cut the recording into shorter files");
        }
        long bytes = 8L * channels * samples;
        String needed = String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        try {
            return factory.newSamples(channels, samples);
        } catch (java.io.UncheckedIOException e) {
            throw EegFormatException.in(file, channels + " channels x " + samples + " samples (" + needed
                    + " as 64-bit samples) cannot be stored: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // one big allocation failing leaves the heap as it was: safe to report and go on
            throw EegFormatException.in(file, channels + " channels x " + samples + " samples need " + needed
                    + " of memory as 64-bit samples, more than is free now; try again later or cut the recording"
                    + " into shorter files", e);
        }
    }

    /** A marker as a file gives it, before it is fitted to the data; {@code label} names it in warnings. */
    record Marker(double onset, double duration, String description, String label) {
    }

    /**
     * The annotations MNE-Python keeps when it attaches markers to a recording: sorted by onset then duration (file
     * order for ties), markers starting at or after the end of the data (or ending before its start) left out with a
     * warning naming them, and markers running past either end shortened to the data.
     */
    static List<Annotation> fitToData(List<Marker> markers, int samples, double samplingRate, Path file,
                                      Consumer<String> warnings) {
        double end = samples / samplingRate;
        // MNE sorts when it makes the annotations, before cutting them to the data: a marker starting before the
        // data comes first even after its onset is moved to 0
        List<Marker> sorted = new ArrayList<>(markers);
        sorted.sort(Comparator.comparingDouble(Marker::onset).thenComparingDouble(Marker::duration));
        List<Marker> kept = new ArrayList<>(markers.size());
        List<String> dropped = new ArrayList<>();
        int shortened = 0;
        for (Marker m : sorted) {
            double onset = m.onset();
            double duration = m.duration();
            if (onset >= end || onset + duration < 0) {
                dropped.add(m.label() + " (" + m.description() + " at " + fmt(onset) + " s)");
                continue;
            }
            if (onset < 0) {
                duration += onset;
                onset = 0;
                shortened++;
            }
            if (onset + duration > end) {
                duration = end - onset;
                shortened++;
            }
            kept.add(new Marker(onset, duration, m.description(), m.label()));
        }
        if (!dropped.isEmpty()) {
            int show = Math.min(dropped.size(), 10);
            warnings.accept(name(file) + ": " + dropped.size() + " marker(s) lie outside the " + samples
                    + " samples (" + fmt(end) + " s) of the data and are left out: "
                    + String.join(", ", dropped.subList(0, show))
                    + (dropped.size() > show ? " and " + (dropped.size() - show) + " more" : ""));
        }
        if (shortened > 0) {
            warnings.accept(name(file) + ": " + shortened + " marker(s) ran past the end of the data and were shortened"
                    + " to it");
        }
        List<Annotation> annotations = new ArrayList<>(kept.size());
        for (Marker m : kept) {
            annotations.add(new Annotation(m.onset(), m.duration(), m.description()));
        }
        return annotations;
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.6g", seconds);
    }

    /**
     * Channel names made unique as MNE-Python does: every copy of a repeated name gets a running number
     * ({@code Fz-0}, {@code Fz-1}), with a letter added if that name is taken too.
     */
    static List<String> uniqueNames(List<String> names, Path file, Consumer<String> warnings) {
        Map<String, Integer> counts = new HashMap<>();
        for (String n : names) {
            counts.merge(n, 1, Integer::sum);
        }
        List<String> repeated = new ArrayList<>();
        for (String n : names) {
            if (counts.get(n) > 1 && !repeated.contains(n)) {
                repeated.add(n);
            }
        }
        if (repeated.isEmpty()) {
            return names;
        }
        warnings.accept(name(file) + ": channel names are not unique (" + String.join(", ", repeated)
                + "); running numbers were added to the repeated ones");
        List<String> out = new ArrayList<>(names);
        Set<String> taken = new HashSet<>(names);
        for (String stem : repeated) {
            int copy = 0;
            for (int i = 0; i < out.size(); i++) {
                if (!names.get(i).equals(stem)) {
                    continue;
                }
                String candidate = stem + "-" + copy;
                for (char suffix = 'a'; taken.contains(candidate) && suffix <= 'z'; suffix++) {
                    candidate = stem + "-" + copy + suffix;
                }
                out.set(i, candidate);
                taken.add(candidate);
                copy++;
            }
        }
        return out;
    }
}
