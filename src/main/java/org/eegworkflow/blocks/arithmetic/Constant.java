package org.eegworkflow.blocks.arithmetic;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** A number typed into the designer. */
@BlockType(name = "Constant", family = "Constant", description = "Outputs the number set in its property.")
public class Constant {

    /** Optional, default 10. The number to output, for example {@code 40}. */
    @BlockProperty(name = "constant value", type = Types.NUMBER, defaultValue = "10",
            description = "The number to output, for example 40.")
    double value;

    @BlockOutput(name = "output", type = Types.NUMBER)
    double output;

    @BlockExecute
    public void execute() {
        output = value;
    }
}
