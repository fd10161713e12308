package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Doubles its input, failing the first time it runs in a job on the value its property names (the first attempt of
 * that element only), and always on the value {@code always fail on} names; logs each value it ran for.
 */
@BlockType(name = "FlakyOn", family = "Test", cacheable = false, memoryMb = 8)
public class FlakyOn {
    @BlockInput(name = "in", type = Types.NUMBER)
    double in;

    @BlockProperty(name = "fail on", type = Types.NUMBER, defaultValue = "-1")
    double failOn;

    @BlockProperty(name = "always fail on", type = Types.NUMBER, defaultValue = "-1")
    double alwaysFailOn;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public String execute(BlockContext context) throws IOException {
        if (in == alwaysFailOn) {
            throw new IllegalStateException("value " + in + " is refused on purpose");
        }
        Path marker = context.workingDirectory().resolve("flaky-on-" + in);
        if (in == failOn && !Files.exists(marker)) {
            Files.createFile(marker);
            throw new IllegalStateException("failing on purpose for value " + in + ", the first time only");
        }
        context.log("ran for " + in);
        out = 2 * in;
        return "doubled " + in;
    }
}
