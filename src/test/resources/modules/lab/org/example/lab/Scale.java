package org.example.lab;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Multiplies a number by a factor. */
@BlockType(name = "Scale", family = "Lab", description = "Multiplies a number by a factor.")
public class Scale {

    /** Required: the number to scale. */
    @BlockInput(name = "value", type = Types.NUMBER)
    double value;

    /** Optional, default 2: what to multiply by, for example 0.5. */
    @BlockProperty(name = "factor", type = Types.NUMBER, defaultValue = "2", description = "What to multiply by.")
    double factor;

    @BlockOutput(name = "scaled", type = Types.NUMBER)
    double scaled;

    @BlockExecute
    public void execute(BlockContext context) {
        scaled = value * factor;
        context.log(value + " x " + factor + " = " + scaled);
    }
}
