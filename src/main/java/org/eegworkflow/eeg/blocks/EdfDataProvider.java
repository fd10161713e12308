package org.eegworkflow.eeg.blocks;

import java.nio.file.Path;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Reads an EDF, EDF+ or BDF recording, with its annotations as markers. */
@BlockType(name = "EDFDataProvider", family = "DataProvider", memoryMb = 128,
        description = "Reads an EDF, EDF+ or BDF recording (annotations become markers) from your data files.")
public class EdfDataProvider {

    /** Required. An {@code .edf} or {@code .bdf} file among the user's data files, for example {@code S001R03.edf}. */
    @BlockProperty(name = "EDF File", type = Types.FILE, description = "An .edf or .bdf file from your data files.")
    Path file;

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA, description = "The recording, all channels, in volts.")
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        if (file == null) {
            throw new IllegalArgumentException("property 'EDF File' is empty: pick an .edf or .bdf file from your data"
                    + " files");
        }
        output = EdfReader.read(file, context::log, context::newSamples);
        return Recordings.describe(output);
    }
}
