package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.FileOutput;
import org.eegworkflow.sdk.Types;

/** Writes its text property to a file in the job's folder and offers it for download. */
@BlockType(name = "WriteFile", family = "Test")
public class WriteFile {
    @BlockProperty(name = "text", type = Types.STRING, defaultValue = "hello")
    String text;

    @BlockExecute
    public FileOutput execute(BlockContext context) throws IOException {
        Path file = context.workingDirectory().resolve("note.txt");
        Files.writeString(file, text);
        return FileOutput.of(file);
    }
}
