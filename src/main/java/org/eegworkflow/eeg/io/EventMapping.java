package org.eegworkflow.eeg.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.RecordingFormat;

/**
 * Turns a recording's annotations into events as MNE-Python 1.3's {@code mne.events_from_annotations(raw)} does with
 * its defaults.
 *
 * <p>Annotations whose description starts with "bad" or "edge" (any case) are skipped. Ids are given to the distinct
 * descriptions in sorted order: for BrainVision, {@code Stimulus/S n} is n, {@code Event/n} is n,
 * {@code Response/R n} is n + 1000, {@code Optic/O n} is n + 2000 (n being the last three characters),
 * {@code New Segment/} is 99999, {@code SyncStatus/Sync On} is 99998 and any other description is numbered from 10001
 * up; for EDF and EEGLAB the descriptions are numbered 1..n. An event's sample is its onset times the sampling rate, rounded half
 * to even, and events come in onset order.
 */
public final class EventMapping {
    /** MNE's default {@code regexp}: Python's {@code re.match}, so anchored at the start only; '.' stops at '\n'. */
    private static final Pattern SELECTED = Pattern.compile("^(?![Bb][Aa][Dd]|[Ee][Dd][Gg][Ee]).*$",
            Pattern.UNIX_LINES);
    private static final Map<String, Integer> BV_OFFSETS = Map.of(
            "Event/", 0, "Stimulus/S", 0, "Response/R", 1000, "Optic/O", 2000);
    private static final Map<String, Integer> BV_SPECIAL = Map.of(
            "New Segment/", 99999, "SyncStatus/Sync On", 99998);
    private static final int BV_OTHER_OFFSET = 10001;

    /** Python compares strings by code point; Java's compareTo by UTF-16 unit, which differs above U+FFFF. */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private EventMapping() {
    }

    /**
     * The events of a recording.
     *
     * @return no events if the recording has no annotations
     * @throws IllegalArgumentException if it has annotations but all of them start with "bad" or "edge" (MNE raises
     *                                  too: there is nothing to make epochs from)
     */
    public static Events fromAnnotations(EegData data) {
        List<Annotation> annotations = data.annotations();
        if (annotations.isEmpty()) {
            return new Events(new int[0], new int[0], Map.of());
        }
        TreeSet<String> distinct = new TreeSet<>(CODE_POINT_ORDER);
        for (Annotation a : annotations) {
            if (SELECTED.matcher(a.description()).lookingAt()) {
                distinct.add(a.description());
            }
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException(data.source() + ": all " + annotations.size() + " markers are marked"
                    + " bad or edge (their descriptions start with 'bad' or 'edge'), so there are no events");
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        int others = 0;
        for (String description : distinct) {
            int id;
            if (data.format() == RecordingFormat.BRAINVISION) {
                Integer code = brainVisionCode(description);
                if (code == null) {
                    code = BV_OTHER_OFFSET + others++;
                }
                id = code;
            } else {
                id = ids.size() + 1;
            }
            ids.put(description, id);
        }

        List<Annotation> selected = new ArrayList<>();
        for (Annotation a : annotations) {
            if (ids.containsKey(a.description())) {
                selected.add(a);
            }
        }
        selected.sort(Comparator.comparingDouble(Annotation::onset)); // stable: ties keep their order
        int[] samples = new int[selected.size()];
        int[] eventIds = new int[selected.size()];
        double rate = data.samplingRate();
        for (int i = 0; i < samples.length; i++) {
            Annotation a = selected.get(i);
            samples[i] = (int) Math.rint(a.onset() * rate);
            eventIds[i] = ids.get(a.description());
        }
        return new Events(samples, eventIds, ids);
    }

    /** MNE's {@code _BVEventParser}: a standard BrainVision code, or null for an "other" description. */
    private static Integer brainVisionCode(String description) {
        int cut = Math.max(0, description.length() - 3);
        String maybeDigit = description.substring(cut).strip();
        String kind = description.substring(0, cut);
        Integer offset = BV_OFFSETS.get(kind);
        if (offset != null && isDigits(maybeDigit)) {
            return Integer.parseInt(maybeDigit) + offset;
        }
        return BV_SPECIAL.get(description);
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.getType(text.charAt(i)) != Character.DECIMAL_DIGIT_NUMBER) {
                return false;
            }
        }
        return true;
    }
}
