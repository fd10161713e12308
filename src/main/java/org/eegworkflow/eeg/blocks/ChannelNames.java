package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockType;

/** Shows a recording's channel names, to copy into ChannelSelection. */
@BlockType(name = "ChannelNames", family = "PreProcessing",
        description = "Shows the recording's channel names (non-EEG channels marked 'misc').")
public class ChannelNames {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    @BlockExecute
    public String execute() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < data.channelCount(); i++) {
            if (i > 0) {
                names.append(", ");
            }
            names.append(data.channelNames().get(i));
            if (data.channelKinds().get(i) == ChannelKind.MISC) {
                names.append(" (misc)");
            }
        }
        return names.toString();
    }
}
