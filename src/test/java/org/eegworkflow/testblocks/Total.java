package org.eegworkflow.testblocks;

import java.util.List;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Sums every number it gathers (a whole collection, or several connections). */
@BlockType(name = "Total", family = "Test")
public class Total {
    @BlockInput(name = "values", type = Types.NUMBER_ARRAY, cardinality = "1-*")
    List<Double> values;

    @BlockOutput(name = "sum", type = Types.NUMBER)
    double sum;

    @BlockExecute
    public String execute() {
        sum = values.stream().mapToDouble(Double::doubleValue).sum();
        return "total of " + values.size() + ": " + sum;
    }
}
