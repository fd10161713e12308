package org.eegworkflow.blocks.arithmetic;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Adds num2 to num1. */
@BlockType(name = "Addition", family = "AddSub", description = "Adds num2 to num1.")
public class Addition {

    @BlockInput(name = "num1", type = Types.NUMBER)
    double num1;

    @BlockInput(name = "num2", type = Types.NUMBER)
    double num2;

    @BlockOutput(name = "output", type = Types.NUMBER)
    double output;

    @BlockExecute
    public void execute() {
        output = num1 + num2;
    }
}
