package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.Referencing;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;

/**
 * Common average reference, as MNE's {@code raw.set_eeg_reference('average')}: subtracts the mean of all EEG
 * channels from each, sample by sample; misc channels pass through unchanged. No properties. Put it before
 * ChannelSelection, so that the average is taken over the whole cap, not over the few channels kept.
 */
@BlockType(name = "AverageReference", family = "PreProcessing", memoryMb = 64,
        description = "Common average reference (MNE's set_eeg_reference('average')): the mean of the EEG channels"
                + " is subtracted from each. Use it before ChannelSelection.")
public class AverageReference {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        output = Referencing.average(data, context::newSamples);
        return "average reference of " + data.channelsOfKind(ChannelKind.EEG).length + " EEG channels";
    }
}
