package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Multiplies its input by its factor after sleeping {@code ms}: a deterministic, cacheable slow block. */
@BlockType(name = "Scale", family = "Test")
public class Scale {
    @BlockInput(name = "in", type = Types.NUMBER)
    double in;

    @BlockProperty(name = "factor", type = Types.NUMBER, defaultValue = "2")
    double factor;

    @BlockProperty(name = "ms", type = Types.NUMBER, defaultValue = "0")
    double ms;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public String execute(BlockContext context) throws InterruptedException {
        if (ms > 0) {
            Thread.sleep((long) ms);
        }
        context.log("scaled " + in);
        out = factor * in;
        return "scaled " + in + " by " + factor;
    }
}
