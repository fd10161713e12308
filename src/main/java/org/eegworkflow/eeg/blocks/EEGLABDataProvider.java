package org.eegworkflow.eeg.blocks;

import java.nio.file.Path;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.EeglabReader;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Reads an EEGLAB data set ({@code .set}, with its {@code .fdt} if the samples are in one), events as markers. */
@BlockType(name = "EEGLABDataProvider", family = "DataProvider", memoryMb = 128,
        description = "Reads an EEGLAB data set (.set, with its .fdt) from your data files; events become markers.")
public class EEGLABDataProvider {

    /** Required. A {@code .set} among the user's data files, its {@code .fdt} (if any) uploaded beside it. */
    @BlockProperty(name = "EEGLAB File", type = Types.FILE,
            description = "An EEGLAB .set file from your data files (upload its .fdt too, if it has one).")
    Path file;

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA, description = "The recording, all channels, in volts.")
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        if (file == null) {
            throw new IllegalArgumentException("property 'EEGLAB File' is empty: pick a .set file from your data"
                    + " files");
        }
        output = EeglabReader.read(file, context::log, context::newSamples);
        return Recordings.describe(output);
    }
}
