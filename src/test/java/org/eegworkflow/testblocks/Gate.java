package org.eegworkflow.testblocks;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Runs until the test opens the gate (creates the file named by {@code gate}, an absolute path), then passes its input
 * on: a block that runs exactly as long as the test needs, however slow the machine. Interruptible.
 */
@BlockType(name = "Gate", family = "Test", cacheable = false)
public class Gate {
    @BlockProperty(name = "gate", type = Types.STRING, defaultValue = "")
    String gate;

    @BlockInput(name = "in", type = Types.NUMBER)
    double in;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() throws InterruptedException {
        Path file = Path.of(gate);
        while (!Files.exists(file)) {
            Thread.sleep(100);
        }
        out = in;
    }
}
