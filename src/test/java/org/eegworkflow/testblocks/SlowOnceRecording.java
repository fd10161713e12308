package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Passes its recording on, after waiting {@code seconds} the first time it runs in a job (long enough to kill the
 * server under it) and at once afterwards.
 */
@BlockType(name = "SlowOnceRecording", family = "Test", cacheable = false)
public class SlowOnceRecording {
    @BlockInput(name = "EEGData", type = "EEGData")
    EegData in;

    @BlockProperty(name = "seconds", type = Types.NUMBER, defaultValue = "60")
    double seconds;

    @BlockOutput(name = "EEGData", type = "EEGData")
    EegData out;

    @BlockExecute
    public String execute(BlockContext context) throws IOException, InterruptedException {
        Path marker = context.workingDirectory().resolve("slow-once-recording-has-run");
        if (!Files.exists(marker)) {
            Files.createFile(marker);
            Thread.sleep((long) (seconds * 1000));
        }
        out = in;
        return in.channelCount() + " channels";
    }
}
