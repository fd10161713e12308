package org.eegworkflow.testblocks;

import java.util.Map;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Types;

/** Makes a collection of numbers from its property, {@code "sub-01=1, sub-02=2"}: one element per pair. */
@BlockType(name = "Split", family = "Test")
public class Split {
    @BlockProperty(name = "elements", type = Types.STRING, defaultValue = "a=1,b=2,c=3")
    String elements;

    /** Keys of elements it reports it cannot make, as a reader does for an unreadable recording. */
    @BlockProperty(name = "unmade", type = Types.STRING, defaultValue = "")
    String unmade;

    @BlockOutput(name = "numbers", type = Types.NUMBER, collection = true)
    Elements<Double> numbers;

    @BlockExecute
    public String execute() {
        Elements.Builder<Double> collection = Elements.builder();
        java.util.Set<String> unmadeKeys = new java.util.HashSet<>();
        for (String key : unmade == null ? new String[0] : unmade.split(",")) {
            unmadeKeys.add(key.trim());
        }
        for (String pair : elements.split(",")) {
            String[] keyValue = pair.trim().split("=");
            if (unmadeKeys.contains(keyValue[0].trim())) {
                collection.fail(keyValue[0].trim(), Map.of("subject", keyValue[0].trim()),
                        "cannot read it, on purpose");
                continue;
            }
            collection.add(keyValue[0].trim(), Map.of("subject", keyValue[0].trim()),
                    Double.parseDouble(keyValue[1].trim()));
        }
        numbers = collection.build();
        return numbers.size() + " elements";
    }
}
