package org.eegworkflow.blocks.arithmetic;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Divides num1 by num2; a zero divisor fails the block rather than producing Infinity or NaN. */
@BlockType(name = "Division", family = "MultiDiv", description = "Divides num1 by num2.")
public class Division {

    @BlockInput(name = "num1", type = Types.NUMBER)
    double num1;

    @BlockInput(name = "num2", type = Types.NUMBER)
    double num2;

    @BlockOutput(name = "output", type = Types.NUMBER)
    double output;

    @BlockExecute
    public void execute() {
        if (num2 == 0) {
            throw new ArithmeticException("Division by zero: input num2 is 0");
        }
        output = num1 / num2;
    }
}
