package org.eegworkflow.blocks.arithmetic;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Multiplies num1 by num2. */
@BlockType(name = "Multiplication", family = "MultiDiv", description = "Multiplies num1 by num2.")
public class Multiplication {

    @BlockInput(name = "num1", type = Types.NUMBER)
    double num1;

    @BlockInput(name = "num2", type = Types.NUMBER)
    double num2;

    @BlockOutput(name = "output", type = Types.NUMBER)
    double output;

    @BlockExecute
    public void execute() {
        output = num1 * num2;
    }
}
