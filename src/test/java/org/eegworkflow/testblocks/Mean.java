package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.Types;

/** The mean of the first row of {@link Wave}'s samples. */
@BlockType(name = "Mean", family = "Test")
public class Mean {
    @BlockInput(name = "samples", type = Wave.TYPE)
    Samples samples;

    @BlockOutput(name = "mean", type = Types.NUMBER)
    double mean;

    @BlockExecute
    public String execute() {
        double[] row = new double[(int) samples.columns()];
        samples.read(0, 0, row, 0, row.length);
        mean = java.util.Arrays.stream(row).average().orElse(0);
        return "mean " + mean;
    }
}
