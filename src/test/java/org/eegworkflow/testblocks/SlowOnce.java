package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Takes a minute the first time it runs in a job (long enough to kill the server under it), no time afterwards. */
@BlockType(name = "SlowOnce", family = "Test", cacheable = false)
public class SlowOnce {
    @BlockInput(name = "in", type = Types.NUMBER)
    double in;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute(BlockContext context) throws IOException, InterruptedException {
        Path marker = context.workingDirectory().resolve("slow-once-has-run");
        if (!Files.exists(marker)) {
            Files.createFile(marker);
            Thread.sleep(60_000);
        }
        out = in;
    }
}
