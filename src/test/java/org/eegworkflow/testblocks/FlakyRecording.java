package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;

/** Fails the first time it runs in a job and passes its recording on every later time. */
@BlockType(name = "FlakyRecording", family = "Test", cacheable = false)
public class FlakyRecording {
    @BlockInput(name = "EEGData", type = "EEGData")
    EegData in;

    @BlockOutput(name = "EEGData", type = "EEGData")
    EegData out;

    @BlockExecute
    public String execute(BlockContext context) throws IOException {
        Path marker = context.workingDirectory().resolve("flaky-recording-has-failed");
        if (!Files.exists(marker)) {
            Files.createFile(marker);
            throw new IllegalStateException("failing on purpose, the first time only");
        }
        out = in;
        return in.channelCount() + " channels";
    }
}
