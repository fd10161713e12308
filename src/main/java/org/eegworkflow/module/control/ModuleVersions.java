package org.eegworkflow.module.control;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.eegworkflow.platform.Jsons;

/** The module versions a job runs with, as stored with the job: {@code {"Filters.jar:Filters": 2}}. */
public final class ModuleVersions {
    private ModuleVersions() {
    }

    public static String write(Map<String, Integer> versions) {
        if (versions.isEmpty()) {
            return null;
        }
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder();
        versions.forEach(json::add);
        return json.build().toString();
    }

    public static Map<String, Integer> read(String text) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return versions;
        }
        try (JsonReader reader = Jsons.PROVIDER.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
                versions.put(entry.getKey(), json.getInt(entry.getKey()));
            }
        }
        return versions;
    }
}
