package org.eegworkflow.eeg.dsp;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.EpochWindows;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.sdk.Samples;

/**
 * Cuts a recording into epochs around events, as MNE-Python 1.3's {@code mne.Epochs(raw, events, event_id, tmin,
 * tmax, baseline, preload=True)} with its other defaults (no rejection thresholds, no detrending, no decimation,
 * {@code reject_by_annotation=True}).
 *
 * <p>What MNE does and this does too: the epoch spans samples {@code rint(tmin fs)} to {@code rint(tmax fs)} around
 * the event, both included; an epoch that would start before the first sample or end after the last is dropped, and so
 * is one overlapping an annotation whose description starts with "bad" (any case); the baseline mean is taken over the
 * times {@code >= start} and {@code <= end} and subtracted from the EEG channels only.
 *
 * <p>One deliberate difference: where MNE refuses two events at the same sample ({@code event_repeated='error'}), the
 * first of them is kept and the others are skipped, as MNE's {@code event_repeated='drop'} would.
 */
public final class Epoching {
    static final String TMIN = "PreStimulus onset";
    static final String TMAX = "PostStimulus onset";
    static final String BASELINE_START = "Baseline Correction Start Time";
    static final String BASELINE_END = "Baseline Correction End Time";
    static final String EVENT_ID = "Event Id";

    private Epoching() {
    }

    /**
     * Extracts epochs (all channels, misc ones included) around the selected events.
     *
     * @param tmin            start of each epoch relative to its event, in seconds (negative: before the event)
     * @param tmax            end of each epoch relative to its event, in seconds, included
     * @param baselineCorrect whether to subtract each EEG channel's mean over the baseline interval
     * @param baselineStart   start of the baseline interval in seconds, or null for the start of the epoch
     * @param baselineEnd     end of the baseline interval in seconds (included), or null for the end of the epoch
     * @param eventIds        the event ids to cut epochs around; empty (or null) for every event
     * @return the epochs in event order; {@code nave} is 1 (each epoch is one trial)
     * @throws IllegalArgumentException if the times are inverted, the baseline interval is empty or outside the
     *                                  epoch, the recording has no events, or a selected id has no event
     */
    public static Epochs extract(EegData data, Events events, double tmin, double tmax, boolean baselineCorrect,
                                 Double baselineStart, Double baselineEnd, Set<Integer> eventIds) {
        if (!Double.isFinite(tmin) || !Double.isFinite(tmax)) {
            throw new IllegalArgumentException(TMIN + " and " + TMAX + " must be numbers of seconds, not " + tmin
                    + " and " + tmax);
        }
        if (tmin > tmax) {
            throw new IllegalArgumentException(TMIN + " (" + seconds(tmin) + ") must not be after " + TMAX + " ("
                    + seconds(tmax) + "): the epoch would end before it starts");
        }
        double rate = data.samplingRate();
        double firstOffset = Math.rint(tmin * rate);
        double lastOffset = Math.rint(tmax * rate);
        int sampleCount = data.sampleCount();
        // beyond these no event anywhere in the recording has room for its epoch (and the window could be huge)
        if (firstOffset < -(sampleCount - 1) || lastOffset > sampleCount - 1) {
            throw new IllegalArgumentException("The epoch window from " + TMIN + " (" + seconds(tmin) + ") to "
                    + TMAX + " (" + seconds(tmax) + ") reaches further than the recording " + data.source()
                    + " is long (" + seconds(sampleCount / rate) + "): no epoch could fit; shorten the window");
        }
        int startOffset = (int) firstOffset;
        int stopOffset = (int) lastOffset;
        int timeCount = stopOffset - startOffset + 1;
        double[] times = new double[timeCount];
        for (int k = 0; k < timeCount; k++) {
            times[k] = (startOffset + k) / rate;
        }
        int[] baseline = baselineCorrect ? baselineSlice(times, rate, baselineStart, baselineEnd) : null;

        int[] selected = select(data, events, eventIds);
        int[] samples = new int[selected.length];
        int[] ids = new int[selected.length];
        int kept = 0;
        List<Annotation> bad = badAnnotations(data);
        for (int e : selected) {
            int first = events.samples()[e] + startOffset;
            if (first < 0 || first + timeCount > sampleCount || overlapsBadAnnotation(data, bad, first, timeCount)) {
                continue;
            }
            samples[kept] = events.samples()[e];
            ids[kept] = events.ids()[e];
            kept++;
        }
        samples = Arrays.copyOf(samples, kept);
        ids = Arrays.copyOf(ids, kept);

        boolean[] correct = new boolean[data.channelCount()];
        for (int c : data.channelsOfKind(ChannelKind.EEG)) {
            correct[c] = baseline != null;
        }
        // the epochs are windows of the recording, not a copy (overlapping windows would make them bigger than the
        // recording): only the baseline means are computed here, each over the same samples in the same order
        Samples rows = data.samples();
        int channels = data.channelCount();
        int[] firsts = new int[kept];
        double[] means = new double[kept * channels];
        double[] segment = new double[baseline == null ? 0 : baseline[1] - baseline[0]];
        for (int e = 0; e < kept; e++) {
            firsts[e] = samples[e] + startOffset;
            for (int c = 0; c < channels; c++) {
                if (correct[c]) {
                    rows.read(c, firsts[e] + baseline[0], segment, 0, segment.length);
                    means[e * channels + c] = NumpySum.mean(segment, 0, segment.length);
                }
            }
        }
        return new Epochs(data.source(), rate, data.channelNames(), data.channelKinds(), times,
                new EpochWindows(rows, firsts, timeCount, correct, means), samples, ids,
                idsFor(events.idsByDescription(), eventIds), false, 1, data.info(), "");
    }

    /**
     * MNE's {@code _check_baseline} and {@code rescale}: the index range [from, to) of the baseline interval, with
     * null meaning the epoch's first or last time, refusing intervals outside the epoch (by more than one sample, as
     * MNE allows) or holding no sample.
     */
    static int[] baselineSlice(double[] times, double rate, Double start, Double end) {
        double first = times[0];
        double last = times[times.length - 1];
        double step = 1. / rate;
        if (start == null && end != null && end == 0 && first == 0) {
            throw new IllegalArgumentException("The baseline interval from the epoch start to 0 s is one sample, as "
                    + TMIN + " is 0 s: set " + BASELINE_START + " to 0 if that is what you want, or start the epoch"
                    + " earlier");
        }
        double from = start == null ? first : start;
        double to = end == null ? last : end;
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException(BASELINE_START + " and " + BASELINE_END + " must be numbers of"
                    + " seconds, not " + from + " and " + to);
        }
        if (from > to) {
            throw new IllegalArgumentException(BASELINE_START + " (" + (start == null ? "unset: the epoch start, "
                    : "") + seconds(from) + ") must not be after " + BASELINE_END + " (" + (end == null
                    ? "unset: the epoch end, " : "") + seconds(to) + ")");
        }
        if (from < first - step || to > last + step) {
            throw new IllegalArgumentException("The baseline interval [" + seconds(from) + ", " + seconds(to)
                    + "] (" + BASELINE_START + ", " + BASELINE_END + ") lies outside the epoch [" + seconds(first)
                    + ", " + seconds(last) + "] (" + TMIN + ", " + TMAX + "): move it inside the epoch");
        }
        int lo = 0;
        while (lo < times.length && !(times[lo] >= from)) {
            lo++;
        }
        int hi = times.length - 1;
        while (hi >= 0 && !(times[hi] <= to)) {
            hi--;
        }
        if (lo >= hi + 1) {
            throw new IllegalArgumentException("The baseline interval [" + seconds(from) + ", " + seconds(to)
                    + "] (" + BASELINE_START + ", " + BASELINE_END + ") holds no sample of the epoch, whose samples"
                    + " are " + seconds(step) + " apart: widen it");
        }
        return new int[] {lo, hi + 1};
    }

    /** Indices of the events to cut epochs around, in order, skipping all but the first event at any one sample. */
    private static int[] select(EegData data, Events events, Set<Integer> eventIds) {
        if (events.count() == 0) {
            throw new IllegalArgumentException("The recording " + data.source() + " has no events to cut epochs"
                    + " around: it needs markers (annotations)");
        }
        boolean all = eventIds == null || eventIds.isEmpty();
        if (!all) {
            Set<Integer> present = new TreeSet<>();
            for (int id : events.ids()) {
                present.add(id);
            }
            Set<Integer> missing = new TreeSet<>(eventIds);
            missing.removeAll(present);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(EVENT_ID + " " + join(missing) + (missing.size() == 1 ? " matches"
                        : " match") + " no event in " + data.source() + ", whose event ids are " + join(present)
                        + describe(events.idsByDescription(), present));
            }
        }
        int[] chosen = new int[events.count()];
        int count = 0;
        Set<Integer> seenSamples = new HashSet<>();
        for (int e = 0; e < events.count(); e++) {
            if ((all || eventIds.contains(events.ids()[e])) && seenSamples.add(events.samples()[e])) {
                chosen[count++] = e;
            }
        }
        return Arrays.copyOf(chosen, count);
    }

    /**
     * The annotations whose description starts with "bad" (any case), picked once: testing every annotation for every
     * event took seconds on a recording with some thousands of markers.
     */
    private static List<Annotation> badAnnotations(EegData data) {
        return data.annotations().stream()
                .filter(a -> a.description().toLowerCase(java.util.Locale.ROOT).startsWith("bad")).toList();
    }

    /** MNE's {@code reject_by_annotation}: one of the {@code bad} annotations overlaps samples [first, first + n). */
    private static boolean overlapsBadAnnotation(EegData data, List<Annotation> bad, int first, int count) {
        if (bad.isEmpty()) {
            return false;
        }
        double rate = data.samplingRate();
        double start = first / rate;
        double stop = (first + count) / rate;
        for (Annotation a : bad) {
            if (a.onset() < stop && a.onset() + a.duration() > start) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Integer> idsFor(Map<String, Integer> idsByDescription, Set<Integer> eventIds) {
        if (eventIds == null || eventIds.isEmpty()) {
            return idsByDescription;
        }
        Map<String, Integer> selected = new LinkedHashMap<>();
        idsByDescription.forEach((description, id) -> {
            if (eventIds.contains(id)) {
                selected.put(description, id);
            }
        });
        return selected;
    }

    private static String describe(Map<String, Integer> idsByDescription, Set<Integer> present) {
        StringBuilder text = new StringBuilder();
        idsByDescription.forEach((description, id) -> {
            if (present.contains(id)) {
                text.append(text.length() == 0 ? " (" : ", ").append(id).append(" = ").append(description);
            }
        });
        return text.length() == 0 ? "" : text.append(')').toString();
    }

    private static String join(Set<Integer> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    static String seconds(double value) {
        return FirDesign.number(value) + " s";
    }
}
