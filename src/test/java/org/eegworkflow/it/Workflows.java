package org.eegworkflow.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Workflow JSON used by the tests. */
public final class Workflows {
    private Workflows() {
    }

    /** The customer's example, byte for byte as the Schedule Job page shows it. */
    public static String seedExample() {
        return resource("/workflows/seed-example.json");
    }

    /** Two constants into one arithmetic block. */
    public static String binary(String operation, String a, String b) {
        return """
            {"blocks": [
              {"id": 1, "x": 0, "y": 0, "type": "Constant", "module": "Arithmetic.zip:Arithmetic",
               "values": {"constant value": "%s"}},
              {"id": 2, "x": 0, "y": 100, "type": "Constant", "module": "Arithmetic.zip:Arithmetic",
               "values": {"constant value": "%s"}},
              {"id": 3, "x": 200, "y": 50, "type": "%s", "module": "Arithmetic.zip:Arithmetic", "values": {}}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["output", "output"], "block2": 3, "connector2": ["num1", "input"]},
              {"id": 2, "block1": 3, "connector1": ["num2", "input"], "block2": 2, "connector2": ["output", "output"]}]}
            """.formatted(a, b, operation);
    }

    public static String resource(String name) {
        try (InputStream in = Workflows.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
