package org.eegworkflow.blocks.arithmetic;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Subtracts num2 from num1. */
@BlockType(name = "Subtraction", family = "AddSub", description = "Subtracts num2 from num1.")
public class Subtraction {

    @BlockInput(name = "num1", type = Types.NUMBER)
    double num1;

    @BlockInput(name = "num2", type = Types.NUMBER)
    double num2;

    @BlockOutput(name = "output", type = Types.NUMBER)
    double output;

    @BlockExecute
    public void execute() {
        output = num1 - num2;
    }
}
