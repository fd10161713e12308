package org.eegworkflow.testblocks;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Shows its text as a STRING output, or fails with it as the error: hostile text for the page's tests. */
@BlockType(name = "Echo", family = "Test")
public class Echo {
    @BlockProperty(name = "text", type = Types.STRING, defaultValue = "hello")
    String text;

    @BlockProperty(name = "fail", type = Types.BOOLEAN, defaultValue = "false")
    boolean fail;

    @BlockExecute
    public String execute() {
        if (fail) {
            throw new IllegalStateException(text);
        }
        return text;
    }
}
