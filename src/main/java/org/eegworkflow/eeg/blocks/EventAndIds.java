package org.eegworkflow.eeg.blocks;

import java.util.Map;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.io.EventMapping;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockType;

/** Shows each marker description's event id (as MNE's events_from_annotations numbers them) and how often it occurs. */
@BlockType(name = "EventAndIds", family = "PreProcessing",
        description = "Dictionary of 'Name' : 'Id' pairs of the recording's markers, with their counts.")
public class EventAndIds {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    @BlockExecute
    public String execute() {
        Events events = EventMapping.fromAnnotations(data);
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Integer> id : events.idsByDescription().entrySet()) {
            long count = java.util.Arrays.stream(events.ids()).filter(i -> i == id.getValue()).count();
            text.append(text.length() == 0 ? "" : "\n").append(id.getKey()).append(": ").append(id.getValue())
                    .append(" (").append(count).append(count == 1 ? " event)" : " events)");
        }
        return text.length() == 0 ? "no markers" : text.toString();
    }
}
