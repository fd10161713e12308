package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** CPU-bound work of a fixed size (not a fixed time), for the parallelism benchmark. */
@BlockType(name = "Busy", family = "Test", cacheable = false)
public class Busy {
    @BlockProperty(name = "iterations", type = Types.NUMBER, defaultValue = "1000000")
    long iterations;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() {
        double x = 0;
        for (long i = 0; i < iterations; i++) {
            x += Math.sqrt(i + x % 7);
        }
        out = x;
    }
}
