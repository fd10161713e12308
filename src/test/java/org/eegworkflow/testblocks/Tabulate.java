package org.eegworkflow.testblocks;

import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/** Shows every number it receives as a table (a CSV file): one row per input value. */
@BlockType(name = "Tabulate", family = "Test")
public class Tabulate {
    @BlockInput(name = "values", type = Types.NUMBER_ARRAY, cardinality = "1-*")
    List<Object> values;

    @BlockExecute
    public Table execute() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(List.of(i, values.get(i), i == 0 ? "first, \"quoted\"" : "=1+1"));
        }
        return Table.of("values", List.of("index", "value", "note"), rows);
    }
}
