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

/** Fails the first time it runs in a job and passes its input on every later time. */
@BlockType(name = "Flaky", family = "Test", cacheable = false)
public class Flaky {
    @BlockInput(name = "in", type = Types.NUMBER)
    double in;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute(BlockContext context) throws IOException {
        Path marker = context.workingDirectory().resolve("flaky-has-failed");
        if (!Files.exists(marker)) {
            Files.createFile(marker);
            throw new IllegalStateException("failing on purpose, the first time only");
        }
        context.log("second time lucky");
        out = in;
    }
}
