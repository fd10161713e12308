package org.eegworkflow.eeg.dsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;

/**
 * The grand average of several subjects' averages, as MNE-Python 1.3's {@code mne.grand_average(evokeds)}: every
 * average weighs the same, whatever its {@code nave}, and the result's {@code nave} is the number of averages.
 *
 * <p>What MNE does and this does too: channels missing from some average are left out ({@code equalize_channels}:
 * the channels common to all, in the first average's order); the time instants must agree within 1e-7 s; the data
 * are {@code sum(w * e.data)} with {@code w = 1 / n}, added average by average in input order. Bad channels need
 * nothing here: {@code Epochs} marks none, so MNE's {@code interpolate_bads} and {@code drop_bads} have nothing to do
 * (interpolating would need sensor positions, which {@code Epochs} does not carry).
 */
public final class GrandAveraging {
    /** MNE's {@code _check_evokeds_ch_names_times}: times may differ by less than this many seconds. */
    private static final double TIME_TOLERANCE = 1e-7;

    private GrandAveraging() {
    }

    /** The grand average and the channels it left out because some average lacked them. */
    public record Result(Epochs average, List<String> dropped) {
    }

    /**
     * @param averages one average per subject, in the order their sums are added (input 1 first)
     * @throws IllegalArgumentException if there is none, one is not an average, no channel is common to all, or their
     *                                  sampling rates or times differ
     */
    public static Result average(List<Epochs> averages) {
        if (averages.isEmpty()) {
            throw new IllegalArgumentException("There is no average to take the grand average of: connect one"
                    + " EpochAveraging block per subject to GrandAverage");
        }
        for (int i = 0; i < averages.size(); i++) {
            if (!averages.get(i).averaged()) {
                // MNE takes Evoked objects only: averaging every epoch of all subjects together is another analysis
                throw new IllegalArgumentException("input " + (i + 1) + " is epochs, not an average: put"
                        + " EpochAveraging before GrandAverage");
            }
        }
        Epochs first = averages.get(0);
        List<String> common = commonChannels(averages);
        checkTimes(averages);

        int n = averages.size();
        int times = first.timeCount();
        // numpy: np.ones_like(naves) / len(naves); every term is rounded once as w * data, then added in order
        double weight = 1.0 / n;
        double[][] sum = new double[common.size()][times];
        double[] row = new double[times];
        for (Epochs average : averages) {
            Map<String, Integer> index = indexOf(average.channelNames());
            for (int c = 0; c < common.size(); c++) {
                average.samples().read(average.row(0, index.get(common.get(c))), 0, row, 0, times);
                double[] acc = sum[c];
                for (int t = 0; t < times; t++) {
                    // Python's sum() starts from 0: 0 + w * d0 + w * d1 + ..., which also turns a -0.0 into 0.0
                    acc[t] += weight * row[t];
                }
            }
        }
        Map<String, Integer> firstIndex = indexOf(first.channelNames());
        List<ChannelKind> kinds = new ArrayList<>();
        for (String name : common) {
            kinds.add(first.channelKinds().get(firstIndex.get(name)));
        }
        Set<String> all = new LinkedHashSet<>();
        averages.forEach(a -> all.addAll(a.channelNames()));
        all.removeAll(common);
        // MNE copies the first evoked (its times, info) and names the result "Grand average (n = ...)"
        Epochs grand = new Epochs("Grand average (n = " + n + ")", first.samplingRate(), common, kinds,
                first.times().clone(), new double[][][] {sum}, new int[0], new int[0], first.idsByDescription(),
                true, n).withInfo(first.info()).withCondition(first.condition());
        return new Result(grand, List.copyOf(all));
    }

    /** MNE's {@code equalize_channels}: the channels of every average, in the first one's order. */
    private static List<String> commonChannels(List<Epochs> averages) {
        List<String> common = new ArrayList<>(averages.get(0).channelNames());
        for (Epochs average : averages.subList(1, averages.size())) {
            common.retainAll(Set.copyOf(average.channelNames()));
        }
        if (common.isEmpty()) {
            int other = 1;
            while (other < averages.size()
                    && averages.get(other).channelNames().stream().anyMatch(averages.get(0).channelNames()::contains)) {
                other++;
            }
            String lacking = other < averages.size()
                    ? "input 1 has channels " + names(averages.get(0)) + " and input " + (other + 1) + " has "
                            + names(averages.get(other))
                    : "each channel is missing from at least one input";
            throw new IllegalArgumentException("No channel is common to all inputs of GrandAverage: " + lacking);
        }
        return common;
    }

    private static void checkTimes(List<Epochs> averages) {
        Epochs first = averages.get(0);
        for (int i = 1; i < averages.size(); i++) {
            Epochs other = averages.get(i);
            // MNE does not compare sampling rates, but averages at different rates are not the same time instants
            if (other.samplingRate() != first.samplingRate()) {
                throw new IllegalArgumentException("input " + (i + 1) + " (" + other.source() + ") is sampled at "
                        + other.samplingRate() + " Hz and input 1 (" + first.source() + ") at "
                        + first.samplingRate() + " Hz: resample them to one rate before GrandAverage");
            }
            boolean same = other.timeCount() == first.timeCount();
            for (int t = 0; same && t < first.timeCount(); t++) {
                same = Math.abs(other.times()[t] - first.times()[t]) < TIME_TOLERANCE;
            }
            if (!same) {
                throw new IllegalArgumentException("input " + (i + 1) + " (" + other.source() + ") has "
                        + span(other) + " and input 1 (" + first.source() + ") " + span(first)
                        + ": cut every subject's epochs with the same PreStimulus and PostStimulus onset");
            }
        }
    }

    private static String span(Epochs e) {
        double[] times = e.times();
        return times.length == 0 ? "no samples" : times.length + " samples from " + times[0] + " to "
                + times[times.length - 1] + " s";
    }

    private static String names(Epochs e) {
        List<String> names = e.channelNames();
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + ", ... (" + names.size() + ")";
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            index.put(names.get(i), i);
        }
        return index;
    }
}
