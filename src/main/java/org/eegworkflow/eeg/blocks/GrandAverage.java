package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.dsp.GrandAveraging;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;

/**
 * The grand average of the subjects' averages ({@code mne.grand_average}): one EpochAveraging per subject feeds the
 * array input, each weighs the same, and the result's {@code nave} is the number of subjects.
 */
@BlockType(name = "GrandAverage", family = "Group", memoryMb = 64,
        description = "Grand average of several subjects' averages, as MNE's mne.grand_average(): equal weights,"
                + " the channels common to all, nave = number of subjects.")
public class GrandAverage {

    /**
     * Required. One average per subject, in edge order. Declared as objects: a whole collection may arrive as one
     * value, and is taken element by element.
     */
    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS + "[]", cardinality = "1-*",
            description = "One average (EpochAveraging) per subject.")
    List<Object> averages;

    @BlockOutput(name = "Epochs", type = EegTypes.EPOCHS,
            description = "The grand average (nave = number of subjects).")
    Epochs output;

    @BlockExecute
    public String execute(BlockContext context) {
        List<Epochs> inputs = new ArrayList<>();
        for (Object value : averages == null ? List.of() : averages) {
            if (value instanceof Collection<?> many) {
                many.forEach(v -> inputs.add(epochs(v, inputs.size())));
            } else {
                inputs.add(epochs(value, inputs.size()));
            }
        }
        if (inputs.size() == 1) {
            // MNE warns likewise: a grand average of one subject is that subject's average
            context.log("Only one average was connected: the grand average is that average");
        }
        GrandAveraging.Result result = GrandAveraging.average(inputs);
        output = result.average();
        String text = "grand average of " + output.nave() + (output.nave() == 1 ? " subject, " : " subjects, ")
                + output.channelCount() + " channels x " + output.timeCount() + " samples";
        if (!result.dropped().isEmpty()) {
            String dropped = "left out " + result.dropped().size() + " channels not in every input: "
                    + String.join(", ", result.dropped());
            context.log(dropped);
            text += "; " + dropped;
        }
        return text;
    }

    private static Epochs epochs(Object value, int index) {
        if (value instanceof Epochs e) {
            return e;
        }
        throw new IllegalArgumentException("input " + (index + 1) + " is not epochs but "
                + (value == null ? "nothing" : value.getClass().getSimpleName()));
    }
}
