package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eegworkflow.eeg.EegTestData;

/** What MNE-Python 1.3 printed and saved for one reference run (see reference/mne_reference.py). */
final class MneReference {
    final String prefix;
    final Path recording;
    final double samplingRate;
    final int samples;
    final List<String> channelNames;
    final int eegCount;
    final int miscCount;
    final double[] ch0First5MicroVolts;
    final Map<String, Integer> eventIds;

    private MneReference(String prefix, Path recording) {
        this.prefix = prefix;
        this.recording = recording;
        String log = text("reference/" + prefix + ".log");
        Matcher m = Pattern.compile("sfreq (\\S+) n_times (\\d+)").matcher(log);
        find(m);
        samplingRate = Double.parseDouble(m.group(1));
        samples = Integer.parseInt(m.group(2));
        channelNames = quoted(line(log, "n_channels "));
        String types = line(log, "ch_types ");
        eegCount = count(types, "eeg");
        miscCount = count(types, "misc");
        m = Pattern.compile("ch0 first 5 samples \\(uV\\): \\[([^]]*)]").matcher(log);
        find(m);
        String[] parts = m.group(1).split(",");
        ch0First5MicroVolts = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ch0First5MicroVolts[i] = Double.parseDouble(parts[i].strip());
        }
        eventIds = new LinkedHashMap<>();
        m = Pattern.compile("'([^']*)': (\\d+)").matcher(line(log, "event_id "));
        while (m.find()) {
            eventIds.put(m.group(1), Integer.parseInt(m.group(2)));
        }
    }

    static MneReference mneTest() {
        return new MneReference("mne_test", EegTestData.file("brainvision-mne/test.vhdr"));
    }

    static MneReference eeguanaF32() {
        return new MneReference("eeguana_f32", EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr"));
    }

    static MneReference eeguanaI16() {
        return new MneReference("eeguana_i16",
                EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr"));
    }

    static MneReference eeguanaEdfPlus() {
        return new MneReference("eeguana_edfplus", EegTestData.file("brainvision-eeguana/bv_export_edf+.edf"));
    }

    /** Rows of a reference CSV (no header). */
    static double[][] csv(String relative) {
        List<double[]> rows = new ArrayList<>();
        for (String line : text(relative).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i].strip());
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    /** The saved events (sample, 0, id) of this run. */
    double[][] events() {
        return csv("reference/" + prefix + "_events.csv");
    }

    static String text(String relative) {
        try {
            return Files.readString(EegTestData.file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void find(Matcher m) {
        if (!m.find()) {
            throw new IllegalStateException("reference log lacks " + m.pattern());
        }
    }

    private static String line(String log, String start) {
        for (String line : log.split("\n")) {
            if (line.startsWith(start)) {
                return line;
            }
        }
        throw new IllegalStateException("reference log lacks a line starting with " + start);
    }

    private static List<String> quoted(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'").matcher(line);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String types, String type) {
        Matcher m = Pattern.compile("'" + type + "': (\\d+)").matcher(types);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public String toString() {
        return prefix;
    }
}
