package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.stats.TTests;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/**
 * A t-test across subjects at every channel and time: one-sample against 0 (of each subject's average or contrast,
 * {@code scipy.stats.ttest_1samp}) or, with a second set of averages, paired ({@code ttest_rel}); p-values corrected
 * for the many tests by FDR ({@code mne.stats.fdr_correction}) or Bonferroni. Channels common to every subject.
 */
@BlockType(name = "GroupStatistics", family = "Group", memoryMb = 64,
        description = "t-test across subjects at every channel and time (one-sample of averages or contrasts, or"
                + " paired A vs B), with FDR or Bonferroni correction, as a table.")
public class GroupStatistics {

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS + "[]", cardinality = "1-*",
            description = "One average (or contrast) per subject.")
    List<Object> first;

    @BlockInput(name = "Epochs B", type = EegTypes.EPOCHS + "[]", cardinality = "0-*",
            description = "For a paired test: the same subjects' other condition, in the same order.")
    List<Object> second;

    /** Optional, default 0.05. */
    @BlockProperty(name = "Alpha", type = Types.NUMBER, defaultValue = "0.05",
            description = "Significance level after correction, for example 0.05.")
    double alpha = 0.05;

    /** Optional, default fdr. {@code fdr}, {@code bonferroni} or {@code none}. */
    @BlockProperty(name = "Correction", type = Types.STRING, defaultValue = "fdr",
            description = "fdr (Benjamini-Hochberg, as mne.stats.fdr_correction), bonferroni or none.")
    String correction = "fdr";

    /** Optional, default None. The first time tested, in seconds. */
    @BlockProperty(name = "Window Start", type = Types.NUMBER, defaultValue = "None",
            description = "Seconds: test only from here on, for example 0; None: from the epoch's start.")
    Double windowStart;

    /** Optional, default None. The last time tested, in seconds. */
    @BlockProperty(name = "Window End", type = Types.NUMBER, defaultValue = "None",
            description = "Seconds: test only up to here, for example 0.6; None: to the epoch's end.")
    Double windowEnd;

    @BlockExecute
    public Table execute(BlockContext context) {
        List<Epochs> a = flatten(first, "Epochs");
        List<Epochs> b = flatten(second, "Epochs B");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("property 'Alpha': must be between 0 and 1, not " + alpha);
        }
        String how = correction == null ? "fdr" : correction.trim().toLowerCase(Locale.ROOT);
        if (!List.of("fdr", "bonferroni", "none").contains(how)) {
            throw new IllegalArgumentException("property 'Correction': '" + correction + "' is not fdr, bonferroni"
                    + " or none");
        }
        if (a.size() < 2) {
            throw new IllegalArgumentException("input 'Epochs': a test across subjects needs at least 2 subjects,"
                    + " not " + a.size());
        }
        if (!b.isEmpty() && b.size() != a.size()) {
            throw new IllegalArgumentException("input 'Epochs B': " + b.size() + " averages for " + a.size()
                    + " subjects in 'Epochs': a paired test needs one of each per subject");
        }
        Set<String> common = new LinkedHashSet<>(a.get(0).channelNames());
        for (Epochs e : a) {
            common.retainAll(e.channelNames());
        }
        for (Epochs e : b) {
            common.retainAll(e.channelNames());
        }
        double[] times = a.get(0).times();
        int from = 0;
        int to = times.length - 1;
        while (windowStart != null && from < times.length && times[from] < windowStart - 1e-9) {
            from++;
        }
        while (windowEnd != null && to >= 0 && times[to] > windowEnd + 1e-9) {
            to--;
        }
        if (from > to) {
            throw new IllegalArgumentException("properties 'Window Start'/'Window End': no time of the epochs ("
                    + times[0] + " to " + times[times.length - 1] + " s) is in the window");
        }
        List<String> channels = List.copyOf(common);
        double[][] xa = matrix(a, channels, times, from, to);
        TTests.Result r = b.isEmpty() ? TTests.oneSample(xa) : TTests.paired(xa, matrix(b, channels, times, from, to));
        int m = r.t().length;
        double[] corrected = new double[m];
        boolean[] significant = new boolean[m];
        if (how.equals("fdr")) {
            // a channel that is zero in every subject (the reference channel) has no p-value: it is left out of the
            // correction, where a NaN would make every corrected p-value NaN
            int[] finite = java.util.stream.IntStream.range(0, m).filter(j -> Double.isFinite(r.p()[j])).toArray();
            double[] p = java.util.Arrays.stream(finite).mapToDouble(j -> r.p()[j]).toArray();
            double[] q = new double[p.length];
            boolean[] reject = TTests.fdr(p, alpha, q);
            java.util.Arrays.fill(corrected, Double.NaN);
            for (int i = 0; i < finite.length; i++) {
                corrected[finite[i]] = q[i];
                significant[finite[i]] = reject[i];
            }
            if (finite.length < m) {
                context.log((m - finite.length) + " tests without a p-value (channels constant across subjects, such"
                        + " as the reference) left out of the FDR correction");
            }
        } else {
            for (int j = 0; j < m; j++) {
                corrected[j] = how.equals("bonferroni") ? Math.min(1, r.p()[j] * m) : r.p()[j];
                significant[j] = corrected[j] < alpha;
            }
        }
        int width = to - from + 1;
        List<List<Object>> rows = new ArrayList<>();
        int count = 0;
        for (int c = 0; c < channels.size(); c++) {
            int spanStart = -1;
            for (int k = 0; k < width; k++) {
                int j = c * width + k;
                rows.add(List.of(channels.get(c), times[from + k], r.mean()[j], r.t()[j], r.p()[j], corrected[j],
                        significant[j]));
                count += significant[j] ? 1 : 0;
                boolean on = significant[j];
                if (on && spanStart < 0) {
                    spanStart = k;
                }
                if (spanStart >= 0 && (!on || k == width - 1)) {
                    int end = on ? k : k - 1;
                    context.log(String.format(Locale.ROOT, "%s: significant from %.3f to %.3f s", channels.get(c),
                            times[from + spanStart], times[from + end]));
                    spanStart = -1;
                }
            }
        }
        context.log(String.format(Locale.ROOT, "%s t-test over %d subjects, %d channels x %d times: %d significant"
                        + " (%s, alpha %s)", b.isEmpty() ? "one-sample" : "paired", a.size(), channels.size(), width,
                count, how, Recordings.number(alpha)));
        return Table.of("statistics", List.of("channel", "time_s", "mean", "t", "p", "p_corrected", "significant"),
                rows);
    }

    /** Subjects x (channel-major channel x time). */
    private static double[][] matrix(List<Epochs> subjects, List<String> channels, double[] times, int from, int to) {
        int width = to - from + 1;
        double[][] x = new double[subjects.size()][channels.size() * width];
        for (int s = 0; s < subjects.size(); s++) {
            Epochs e = subjects.get(s);
            if (!e.averaged()) {
                throw new IllegalArgumentException("subject " + (s + 1) + " holds single epochs: connect averages"
                        + " (EpochAveraging or Contrast)");
            }
            if (!java.util.Arrays.equals(e.times(), times)) {
                throw new IllegalArgumentException("subject " + (s + 1) + " has other times than subject 1: cut"
                        + " every subject's epochs with the same tmin, tmax and sampling rate");
            }
            for (int c = 0; c < channels.size(); c++) {
                double[] row = e.epochRow(0, e.channelNames().indexOf(channels.get(c)));
                System.arraycopy(row, from, x[s], c * width, width);
            }
        }
        return x;
    }

    private static List<Epochs> flatten(List<Object> values, String port) {
        List<Epochs> out = new ArrayList<>();
        for (Object value : values == null ? List.of() : values) {
            if (value instanceof Collection<?> many) {
                many.forEach(v -> out.add(epochs(v, port)));
            } else if (value != null) {
                out.add(epochs(value, port));
            }
        }
        return out;
    }

    private static Epochs epochs(Object value, String port) {
        if (value instanceof Epochs e) {
            return e;
        }
        throw new IllegalArgumentException("input '" + port + "' got " + value.getClass().getSimpleName()
                + ", not epochs");
    }
}
