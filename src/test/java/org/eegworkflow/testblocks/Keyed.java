package org.eegworkflow.testblocks;

import java.util.stream.Collectors;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Types;

/** Shows a whole collection with its keys and entities: {@code a(subject=a)=2.0; ...}. */
@BlockType(name = "Keyed", family = "Test")
public class Keyed {
    @BlockInput(name = "values", type = Types.NUMBER_ARRAY)
    Elements<Double> values;

    @BlockExecute
    public String execute() {
        return values.list().stream().map(e -> e.key() + e.entities() + "=" + e.value())
                .collect(Collectors.joining("; "));
    }
}
