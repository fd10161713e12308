package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Keeps the CPU busy for a while and ignores interruption, as a badly written block would. */
@BlockType(name = "Stubborn", family = "Test", cacheable = false)
public class Stubborn {
    @BlockProperty(name = "seconds", type = Types.NUMBER, defaultValue = "5")
    double seconds;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        out = x;
    }
}
