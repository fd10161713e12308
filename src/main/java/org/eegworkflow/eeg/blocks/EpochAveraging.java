package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.dsp.Averaging;
import org.eegworkflow.eeg.dsp.Rejection;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Averages epochs into an evoked response ({@code epochs.average()}, or {@code epochs['face'].average()} for one
 * condition): EEG channels; the average is named after its condition, as MNE's {@code evoked.comment}.
 */
@BlockType(name = "EpochAveraging", family = "PreProcessing", memoryMb = 64,
        description = "Averages the epochs (EEG channels) into one evoked response, as MNE's epochs.average();"
                + " Condition averages one condition's epochs only (epochs['face'].average()).")
public class EpochAveraging {

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs epochs;

    /** Optional, default None (all epochs). A condition (event) name or id: {@code face}, {@code T1}, {@code 2}. */
    @BlockProperty(name = "Condition", type = Types.STRING, defaultValue = "None",
            description = "Average only this condition's epochs: its name (face, T1, S253) or event id; None: all.")
    String condition = "None";

    @BlockOutput(name = "Epochs", type = EegTypes.EPOCHS, description = "One averaged epoch (nave = epochs averaged).")
    Epochs output;

    @BlockExecute
    public String execute() {
        String wanted = condition == null ? "" : condition.trim();
        if (wanted.isEmpty() || wanted.equalsIgnoreCase("none") || wanted.equalsIgnoreCase("all")) {
            output = Averaging.average(epochs);
        } else {
            Map.Entry<String, Integer> named = conditionOf(wanted);
            List<Integer> picks = new ArrayList<>();
            for (int e = 0; e < epochs.epochCount(); e++) {
                if (epochs.eventIds()[e] == named.getValue()) {
                    picks.add(e);
                }
            }
            if (picks.isEmpty()) {
                throw new IllegalArgumentException("property 'Condition': no epoch of condition '" + named.getKey()
                        + "' is left to average (were they all dropped?)");
            }
            Epochs of = Rejection.select(epochs, picks.stream().mapToInt(Integer::intValue).toArray());
            output = Averaging.average(of).withCondition(shortName(named.getKey()));
        }
        return "average of " + output.nave() + " epochs" + (output.condition().isEmpty() ? ""
                : " of " + output.condition()) + ", " + output.channelCount() + " EEG channels x "
                + output.timeCount() + " samples";
    }

    private Map.Entry<String, Integer> conditionOf(String wanted) {
        for (Map.Entry<String, Integer> id : epochs.idsByDescription().entrySet()) {
            if (id.getKey().equals(wanted) || id.getKey().endsWith("/" + wanted)) {
                return id;
            }
        }
        try {
            int id = Integer.parseInt(wanted);
            for (Map.Entry<String, Integer> e : epochs.idsByDescription().entrySet()) {
                if (e.getValue() == id) {
                    return e;
                }
            }
        } catch (NumberFormatException e) {
            // not an id either: said below
        }
        throw new IllegalArgumentException("property 'Condition': '" + wanted + "' is not a condition of these"
                + " epochs; their conditions are " + epochs.idsByDescription().keySet());
    }

    /** "Stimulus/S253" is condition "S253" to a researcher; BIDS trial types have no prefix. */
    private static String shortName(String description) {
        int slash = description.lastIndexOf('/');
        return slash < 0 ? description : description.substring(slash + 1);
    }
}
