package org.eegworkflow.eeg.blocks;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.dsp.Epoching;
import org.eegworkflow.eeg.io.EventMapping;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Cuts epochs around the recording's events, as {@code mne.Epochs(raw, events, event_id, tmin, tmax, baseline)} with
 * the events of {@code mne.events_from_annotations(raw)}. Epochs whose window runs past either end are dropped.
 */
@BlockType(name = "EpochExtraction", family = "PreProcessing",
        description = "Cuts epochs from tmin to tmax seconds around events, with baseline correction (MNE Epochs).")
public class EpochExtraction {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Optional, default -0.2. Epoch start in seconds relative to the event (tmin), for example {@code -0.1}. */
    @BlockProperty(name = "PreStimulus onset", type = Types.NUMBER, defaultValue = "-0.2",
            description = "Epoch start in seconds relative to the event (negative: before it).")
    double tmin;

    /** Optional, default 0.5. Epoch end in seconds relative to the event (tmax), inclusive. */
    @BlockProperty(name = "PostStimulus onset", type = Types.NUMBER, defaultValue = "0.5",
            description = "Epoch end in seconds relative to the event.")
    double tmax;

    /** Optional, default None (the epoch's start). Start of the baseline interval in seconds. */
    @BlockProperty(name = "Baseline Correction Start Time", type = Types.NUMBER, defaultValue = "None",
            description = "Seconds; None means the beginning of the epoch.")
    Double baselineStart;

    /** Optional, default 0. End of the baseline interval in seconds (inclusive); None means the epoch's end. */
    @BlockProperty(name = "Baseline Correction End Time", type = Types.NUMBER, defaultValue = "0",
            description = "Seconds; None means the end of the epoch.")
    Double baselineEnd;

    /** Optional, default true. False keeps the epochs as cut, without subtracting the baseline mean. */
    @BlockProperty(name = "Baseline Correction", type = Types.BOOLEAN, defaultValue = "true",
            description = "Subtract each channel's mean over the baseline interval (EEG channels).")
    boolean baseline = true;

    /**
     * Optional, default None (all events). Which events to cut around: ids or marker descriptions separated by
     * commas, for example {@code 253, 255} or {@code T1, T2} (see EventAndIds).
     */
    @BlockProperty(name = "Event Id", type = Types.STRING, defaultValue = "None",
            description = "None means all the events; else ids or marker names separated by commas, e.g. 2, 3.")
    String eventId = "None";

    @BlockOutput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs output;

    @BlockExecute
    public String execute() {
        Events events = EventMapping.fromAnnotations(data);
        Set<Integer> ids = selectedIds(events);
        output = Epoching.extract(data, events, tmin, tmax, baseline, baselineStart, baselineEnd, ids);
        long candidates = ids.isEmpty() ? events.count()
                : Arrays.stream(events.ids()).filter(ids::contains).count();
        long dropped = candidates - output.epochCount();
        return String.format(Locale.ROOT, "%d epochs x %d channels x %d samples (%s to %s s)%s",
                output.epochCount(), output.channelCount(), output.timeCount(), Recordings.number(output.times()[0]),
                Recordings.number(output.times()[output.timeCount() - 1]),
                dropped > 0 ? "; " + dropped + " dropped (window outside the recording or repeated event)" : "");
    }

    private Set<Integer> selectedIds(Events events) {
        String text = eventId == null ? "" : eventId.trim();
        Set<Integer> ids = new LinkedHashSet<>();
        if (text.isEmpty() || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("all")) {
            return ids;
        }
        for (String part : text.split(",")) {
            String token = part.trim();
            if (token.isEmpty()) {
                continue;
            }
            Integer id = events.idsByDescription().get(token);
            if (id == null) {
                id = events.idsByDescription().entrySet().stream()
                        .filter(e -> e.getKey().endsWith("/" + token)).map(java.util.Map.Entry::getValue)
                        .findFirst().orElse(null);
            }
            if (id == null) {
                try {
                    id = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("property 'Event Id': '" + token + "' is neither an event id"
                            + " nor a marker of " + data.source() + "; its markers are " + events.idsByDescription());
                }
            }
            if (!events.idsByDescription().containsValue(id)) {
                throw new IllegalArgumentException("property 'Event Id': no event has id " + id + " in "
                        + data.source() + "; its ids are " + events.idsByDescription());
            }
            ids.add(id);
        }
        return ids;
    }
}
