package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Throws the failure its property names (an OutOfMemoryError, a StackOverflowError, ...) when it runs. */
@BlockType(name = "Throw", family = "Test", cacheable = false, memoryMb = 40)
public class Throw {
    @BlockProperty(name = "failure", type = Types.STRING, defaultValue = "OOM_HEAP")
    String failure;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() {
        Failure.valueOf(failure).raise();
    }
}
