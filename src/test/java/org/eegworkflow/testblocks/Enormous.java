package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Declares a need (1 TB of heap) no test server has: its job can never run and must fail at once. */
@BlockType(name = "Enormous", family = "Test", memoryMb = 1024 * 1024)
public class Enormous {
    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() {
        out = 1;
    }
}
