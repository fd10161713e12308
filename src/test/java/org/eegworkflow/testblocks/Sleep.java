package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Waits, then passes its input on (or outputs the seconds it waited). Interruptible, as a well-behaved block is. */
@BlockType(name = "Sleep", family = "Test", cacheable = false)
public class Sleep {
    @BlockProperty(name = "seconds", type = Types.NUMBER, defaultValue = "1")
    double seconds;

    @BlockInput(name = "in", type = Types.NUMBER, cardinality = "0-1")
    Double in;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        out = in != null ? in : seconds;
    }
}
