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
 * Declares a big need of heap (200 MB) and, like {@link Gate}, runs until the test opens its gate (when {@code gate}
 * names a file), then passes its input on: memory admission's test block.
 */
@BlockType(name = "Hungry", family = "Test", memoryMb = Hungry.MB)
public class Hungry {
    public static final int MB = 200;

    @BlockProperty(name = "gate", type = Types.STRING, defaultValue = "")
    String gate;

    @BlockInput(name = "in", type = Types.NUMBER, cardinality = "0-1")
    double in;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() throws InterruptedException {
        if (!gate.isEmpty()) {
            Path file = Path.of(gate);
            while (!Files.exists(file)) {
                Thread.sleep(100);
            }
        }
        out = in;
    }
}
