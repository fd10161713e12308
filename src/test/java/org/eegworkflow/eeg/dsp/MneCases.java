package org.eegworkflow.eeg.dsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The extra MNE-Python results of {@code mne_cases.py} (see there), and reading the shared reference files. */
final class MneCases {
    record Case(String kind, double samplingRate, Double low, Double high, double[] values) {
        /** The test signal the filtered cases start from. */
        double[] signal() {
            return signal(values.length);
        }

        static double[] signal(int n) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.sin(0.05 * i) + 0.3 * Math.cos(0.31 * i) + 2 + 0.001 * i;
            }
            return x;
        }

        @Override
        public String toString() {
            return kind + " " + samplingRate + " Hz " + low + "-" + high + " Hz, " + values.length + " values";
        }
    }

    private MneCases() {
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = MneCases.class.getResourceAsStream("mne_cases.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] head = line.split(" ");
                double[] values = new double[Integer.parseInt(head[4])];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(reader.readLine());
                }
                cases.add(new Case(head[0], Double.parseDouble(head[1]), optional(head[2]), optional(head[3]),
                        values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static List<Case> of(String kind) {
        return all().stream().filter(c -> c.kind().equals(kind)).toList();
    }

    private static Double optional(String text) {
        return text.equals("None") ? null : Double.valueOf(text);
    }

    /** A file of one number a line. */
    static double[] column(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble)
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A comma-separated table of numbers, rows x columns, skipping {@code headerLines} lines. */
    static double[][] table(Path file, int headerLines) {
        try {
            return Files.readAllLines(file).stream().skip(headerLines).filter(l -> !l.isBlank())
                    .map(l -> {
                        String[] cells = l.split(",");
                        double[] row = new double[cells.length];
                        for (int i = 0; i < cells.length; i++) {
                            row[i] = Double.parseDouble(cells[i]);
                        }
                        return row;
                    }).toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
