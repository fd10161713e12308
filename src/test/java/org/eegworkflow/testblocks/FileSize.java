package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** The size of one of the job owner's data files, chosen with a FILE property. */
@BlockType(name = "FileSize", family = "Test")
public class FileSize {
    @BlockProperty(name = "file", type = Types.FILE)
    Path file;

    @BlockOutput(name = "bytes", type = Types.NUMBER)
    double bytes;

    @BlockExecute
    public void execute() throws IOException {
        bytes = Files.size(file);
    }
}
