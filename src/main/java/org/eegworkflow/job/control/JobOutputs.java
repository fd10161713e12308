package org.eegworkflow.job.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A block's output as the API shows it: text as a string, a stored file as {@code {"filename": ...}}. */
public final class JobOutputs {
    private JobOutputs() {
    }

    public static JsonObject json(String type, String value) {
        var output = Json.createObjectBuilder().add("type", type);
        if (Artefacts.STRING.equals(type)) {
            output.add("value", value == null ? "" : value);
        } else {
            output.add("value", Json.createObjectBuilder().add("filename", value));
        }
        return output.build();
    }
}
