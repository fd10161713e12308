package org.eegworkflow.eeg.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.RecordingFormat;

/** Synthetic recordings and epochs, MNE's reference averages, and the PNG folder the chart tests write to. */
public final class PlotFixtures {
    /** 32 names of the 10-20 system, front to back. */
    public static final List<String> NAMES_32 = List.of("Fp1", "Fp2", "F7", "F3", "Fz", "F4", "F8", "FC5", "FC1",
            "FC2", "FC6", "T7", "C3", "Cz", "C4", "T8", "CP5", "CP1", "CP2", "CP6", "P7", "P3", "Pz", "P4", "P8",
            "PO3", "PO4", "O1", "Oz", "O2", "GSR", "Temp");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PlotFixtures() {
    }

    /** Where the tests leave their charts to be looked at: target/eeg-plots. */
    public static Path save(BufferedImage image, String name) {
        Path dir = Path.of("target", "eeg-plots");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pixels that are not (nearly) white. */
    public static int inked(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r + g + b < 3 * 235) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Pixels inside a rectangle that are far from grey (a coloured line or image passes through them). */
    public static int coloured(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * A plausible resting recording: 30 EEG channels (alpha, theta, 1/f noise, DC offsets, blinks on Fp1/Fp2, one
     * channel, T7, ten times noisier than the rest) and 2 misc channels in other units, with stimulus and response
     * markers every 2 s.
     */
    public static EegData recording(double seconds, double rate, long seed) {
        return recording(NAMES_32, 2, seconds, rate, seed);
    }

    /**
     * @param misc how many of the last names are misc channels
     */
    public static EegData recording(List<String> names, int misc, double seconds, double rate, long seed) {
        Random random = new Random(seed);
        int n = (int) Math.round(seconds * rate);
        int channels = names.size();
        double[][] data = new double[channels][n];
        List<ChannelKind> kinds = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            boolean eeg = c < channels - misc;
            kinds.add(eeg ? ChannelKind.EEG : ChannelKind.MISC);
            double[] row = data[c];
            double offset = (random.nextDouble() - 0.5) * 100e-6;
            double ar = 0;
            double noise = "T7".equals(names.get(c)) ? 80e-6 : 8e-6;
            double alphaPhase = random.nextDouble() * 2 * Math.PI;
            double alphaGain = 6e-6 + 8e-6 * c / channels; // stronger at the back, as alpha is
            double blink = names.get(c).startsWith("Fp") ? 120e-6 : 0;
            // oscillators by rotation rather than Math.sin per sample: an hour of 64 channels stays quick to build
            double ca = Math.cos(2 * Math.PI * 10 / rate);
            double sa = Math.sin(2 * Math.PI * 10 / rate);
            double ct = Math.cos(2 * Math.PI * 5.5 / rate);
            double st = Math.sin(2 * Math.PI * 5.5 / rate);
            double ax = Math.cos(alphaPhase);
            double ay = Math.sin(alphaPhase);
            double tx = 1;
            double ty = 0;
            for (int s = 0; s < n; s++) {
                if (!eeg) {
                    row[s] = c == channels - misc ? 2e-3 + 5e-4 * Math.sin(2 * Math.PI * s / (rate * 20))
                            + random.nextGaussian() * 1e-5 : 36.5 + random.nextGaussian() * 0.01;
                    continue;
                }
                ar = 0.97 * ar + random.nextGaussian() * noise * 0.25;
                double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * s / (rate * 7.3) + c);
                row[s] = offset + ar + alphaGain * envelope * ax + 3e-6 * tx;
                double nx = ax * ca - ay * sa;
                ay = ax * sa + ay * ca;
                ax = nx;
                nx = tx * ct - ty * st;
                ty = tx * st + ty * ct;
                tx = nx;
            }
            if (blink > 0) {
                for (double t = 1.7; t < seconds; t += 4.1) {
                    int centre = (int) (t * rate);
                    int half = (int) (0.3 * rate);
                    for (int s = Math.max(0, centre - half); s < Math.min(n, centre + half); s++) {
                        double u = (s - centre) / (0.1 * rate);
                        row[s] += blink * Math.exp(-u * u);
                    }
                }
            }
        }
        List<Annotation> markers = new ArrayList<>();
        markers.add(new Annotation(0, 0, "New Segment/"));
        for (double t = 1; t < seconds; t += 2) {
            markers.add(new Annotation(t, 0, "Stimulus/S  1"));
            markers.add(new Annotation(t + 0.45, 0, "Response/R  2"));
        }
        return new EegData("synthetic.vhdr", RecordingFormat.BRAINVISION, rate, names, kinds, data, markers);
    }

    /**
     * Epochs with an evoked response (N1 at 0.1 s, P3 at 0.35 s, stronger at the back) in noise: 30 EEG channels and
     * 1 misc channel, from -0.2 to 0.8 s at 250 Hz.
     */
    public static Epochs epochs(int count, long seed) {
        Random random = new Random(seed);
        double rate = 250;
        int first = (int) Math.round(-0.2 * rate);
        int last = (int) Math.round(0.8 * rate);
        double[] times = new double[last - first + 1];
        for (int i = 0; i < times.length; i++) {
            times[i] = (first + i) / rate;
        }
        List<String> names = new ArrayList<>(NAMES_32.subList(0, 30));
        names.add("GSR");
        List<ChannelKind> kinds = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            kinds.add(c < 30 ? ChannelKind.EEG : ChannelKind.MISC);
        }
        double[][][] data = new double[count][names.size()][times.length];
        int[] samples = new int[count];
        int[] ids = new int[count];
        for (int e = 0; e < count; e++) {
            samples[e] = 500 + e * 300;
            ids[e] = e % 3 == 0 ? 2 : 1;
            double latency = random.nextGaussian() * 0.02;
            for (int c = 0; c < names.size(); c++) {
                double back = c / 29.0;
                double ar = 0;
                for (int t = 0; t < times.length; t++) {
                    double x = times[t];
                    if (c == 30) {
                        data[e][c][t] = 2e-3 + random.nextGaussian() * 1e-6;
                        continue;
                    }
                    ar = 0.9 * ar + random.nextGaussian() * 2.5e-6;
                    double n1 = -5e-6 * (1 - back) * gauss(x, 0.1, 0.025);
                    double p3 = 9e-6 * (0.3 + back) * gauss(x, 0.35 + latency, 0.07);
                    data[e][c][t] = ar + n1 + p3;
                }
            }
        }
        return new Epochs("synthetic.vhdr", rate, names, kinds, times, data, samples, ids,
                Map.of("Stimulus/S  1", 1, "Stimulus/S  2", 2), false, count);
    }

    private static double gauss(double x, double mean, double width) {
        double u = (x - mean) / width;
        return Math.exp(-u * u / 2);
    }

    /**
     * MNE's average from {@code reference/PREFIX_evoked.csv} (µV, one column per channel, epochs from -0.2 s), as
     * an averaged {@link Epochs} of EEG channels.
     */
    public static Epochs referenceEvoked(String prefix, String source, double rate, int nave) {
        try {
            List<String> lines = Files.readAllLines(EegTestData.file("reference/" + prefix + "_evoked.csv"));
            List<String> names = Arrays.asList(lines.get(0).split(","));
            int times = lines.size() - 1;
            double[][] data = new double[names.size()][times];
            for (int t = 0; t < times; t++) {
                String[] cells = lines.get(t + 1).split(",");
                for (int c = 0; c < names.size(); c++) {
                    data[c][t] = Double.parseDouble(cells[c]) * 1e-6;
                }
            }
            double[] time = new double[times];
            long first = Math.round(-0.2 * rate);
            for (int t = 0; t < times; t++) {
                time[t] = (first + t) / rate;
            }
            List<ChannelKind> kinds = names.stream().map(n -> ChannelKind.EEG).toList();
            return new Epochs(source, rate, names, kinds, time, new double[][][] {data}, new int[0], new int[0],
                    new LinkedHashMap<>(), true, nave);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
