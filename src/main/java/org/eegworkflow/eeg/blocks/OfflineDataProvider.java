package org.eegworkflow.eeg.blocks;

import java.nio.file.Path;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Reads a BrainVision recording (the old system's data provider), or an EDF/EDF+/BDF or EEGLAB file. */
@BlockType(name = "OfflineDataProvider", family = "DataProvider", memoryMb = 128,
        description = "Reads a BrainVision recording (.vhdr with its .vmrk and data file) from your data files.")
public class OfflineDataProvider {

    /**
     * Required. The recording's {@code .vhdr} among the user's data files, for example {@code study1/sub01.vhdr};
     * picking its {@code .vmrk} or data file works too. EDF, EDF+, BDF and EEGLAB {@code .set} files are read as well.
     */
    @BlockProperty(name = "EEG File", type = Types.FILE,
            description = "The recording's .vhdr (upload .vhdr, .vmrk and data file together), or an .edf/.bdf or EEGLAB .set file.")
    Path file;

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA, description = "The recording, all channels, in volts.")
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        output = Recordings.open(file, "EEG File", context);
        return Recordings.describe(output);
    }
}
