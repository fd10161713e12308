package org.eegworkflow.job.control.events;

import jakarta.json.JsonObject;

import org.eegworkflow.platform.Jsons;

/** A block's output as the API shows it: text as a string, a stored file as {@code {"filename": ...}}. */
public final class JobOutputs {
    private JobOutputs() {
    }

    public static JsonObject json(String type, String value) {
        var output = Jsons.PROVIDER.createObjectBuilder().add("type", type);
        if (Artefacts.STRING.equals(type)) {
            output.add("value", value == null ? "" : value);
        } else {
            output.add("value", Jsons.PROVIDER.createObjectBuilder().add("filename", value));
        }
        return output.build();
    }
}
