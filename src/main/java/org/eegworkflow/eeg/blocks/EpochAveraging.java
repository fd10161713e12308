package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.dsp.Averaging;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;

/** Averages epochs into an evoked response ({@code epochs.average()}): EEG channels, all epochs. */
@BlockType(name = "EpochAveraging", family = "PreProcessing", memoryMb = 64,
        description = "Averages the epochs (EEG channels) into one evoked response, as MNE's epochs.average().")
public class EpochAveraging {

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs epochs;

    @BlockOutput(name = "Epochs", type = EegTypes.EPOCHS, description = "One averaged epoch (nave = epochs averaged).")
    Epochs output;

    @BlockExecute
    public String execute() {
        output = Averaging.average(epochs);
        return "average of " + output.nave() + " epochs, " + output.channelCount() + " EEG channels x "
                + output.timeCount() + " samples";
    }
}
