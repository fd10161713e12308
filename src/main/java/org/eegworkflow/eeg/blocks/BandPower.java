package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.Welch;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/**
 * Power in named frequency bands per EEG channel, from a Welch spectrum (MNE's {@code compute_psd(method='welch')}
 * with segments of {@code Window} seconds overlapping by half) between the lowest and the highest band edge: a
 * band's power is the sum of the PSD over {@code lo <= f < hi} times the frequency step (V²), its mean PSD (V²/Hz)
 * is the average there, and its relative power is its power over the whole spectrum's.
 */
@BlockType(name = "BandPower", family = "Feature Extraction", memoryMb = 64,
        description = "Absolute and relative power of each EEG channel in named bands (delta, theta, alpha, beta,"
                + " gamma), from a Welch spectrum, as a table.")
public class BandPower {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Optional. Bands as {@code name=lo-hi} in Hz, separated by commas; lo inclusive, hi exclusive. */
    @BlockProperty(name = "Bands", type = Types.STRING,
            defaultValue = "delta=1-4, theta=4-8, alpha=8-13, beta=13-30, gamma=30-45",
            description = "name=low-high in Hz, separated by commas, for example alpha=8-13, beta=13-30.")
    String bands = "delta=1-4, theta=4-8, alpha=8-13, beta=13-30, gamma=30-45";

    /** Optional, default 2. Welch segment length in seconds; segments overlap by half. */
    @BlockProperty(name = "Window (s)", type = Types.NUMBER, defaultValue = "2",
            description = "Seconds per Welch segment (the frequency step is 1 / this); they overlap by half.")
    double window = 2;

    /** Optional, default true. Leaves out the Welch segments that touch a span annotated BAD..., as MNE does. */
    @BlockProperty(name = "Reject by annotation", type = Types.BOOLEAN, defaultValue = "true",
            description = "Leave out the segments that overlap a span annotated BAD... (MNE's reject_by_annotation).")
    boolean rejectByAnnotation = true;

    @BlockExecute
    public Table execute() {
        Map<String, double[]> named = bands();
        double lo = named.values().stream().mapToDouble(b -> b[0]).min().orElseThrow();
        double hi = named.values().stream().mapToDouble(b -> b[1]).max().orElseThrow();
        if (!(window > 0) || Double.isInfinite(window)) {
            throw new IllegalArgumentException("property 'Window (s)': must be above 0 s, not " + window);
        }
        int segment = (int) (window * data.samplingRate());
        if (segment < 2) {
            throw new IllegalArgumentException("property 'Window (s)': " + Recordings.number(window) + " s is under"
                    + " 2 samples at " + Recordings.number(data.samplingRate()) + " Hz");
        }
        if (hi > data.samplingRate() / 2) {
            throw new IllegalArgumentException("property 'Bands': " + Recordings.number(hi) + " Hz is above the"
                    + " Nyquist frequency (" + Recordings.number(data.samplingRate() / 2) + " Hz)");
        }
        int[] picks = SpectrumSettings.picks(data);
        Welch.Spectrum spectrum = SpectrumSettings.welch(data, picks, segment, segment, segment / 2, lo, hi,
                rejectByAnnotation);
        double[] f = spectrum.freqs();
        double df = f.length > 1 ? f[1] - f[0] : data.samplingRate() / segment;
        List<List<Object>> rows = new ArrayList<>();
        for (int c = 0; c < picks.length; c++) {
            double[] psd = spectrum.psd()[c];
            double total = 0;
            for (double p : psd) {
                total += p;
            }
            total *= df;
            for (Map.Entry<String, double[]> band : named.entrySet()) {
                double sum = 0;
                int n = 0;
                for (int k = 0; k < f.length; k++) {
                    if (f[k] >= band.getValue()[0] && f[k] < band.getValue()[1]) {
                        sum += psd[k];
                        n++;
                    }
                }
                double power = sum * df;
                rows.add(List.of(data.channelNames().get(picks[c]), band.getKey(), band.getValue()[0],
                        band.getValue()[1], power, n == 0 ? Double.NaN : sum / n, total > 0 ? power / total : 0.0));
            }
        }
        return Table.of("bandpower", List.of("channel", "band", "fmin_hz", "fmax_hz", "power_v2", "mean_psd_v2_hz",
                "relative"), rows);
    }

    Map<String, double[]> bands() {
        Map<String, double[]> named = new LinkedHashMap<>();
        for (String part : (bands == null ? "" : bands).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nameRange = part.split("=");
            String[] range = nameRange.length == 2 ? nameRange[1].trim().split("\\s*-\\s*") : new String[0];
            double[] edges;
            try {
                edges = range.length == 2 ? new double[] {Double.parseDouble(range[0]), Double.parseDouble(range[1])}
                        : null;
            } catch (NumberFormatException e) {
                edges = null;
            }
            if (edges == null || !(edges[0] >= 0 && edges[1] > edges[0]) || nameRange[0].isBlank()) {
                throw new IllegalArgumentException("property 'Bands': '" + part.trim() + "' is not name=low-high"
                        + " in Hz with low below high, for example alpha=8-13");
            }
            named.put(nameRange[0].trim(), edges);
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("property 'Bands': name at least one band, for example alpha=8-13");
        }
        return named;
    }
}
