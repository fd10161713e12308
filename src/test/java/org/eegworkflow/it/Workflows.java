package org.eegworkflow.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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

    /**
     * The researcher's everyday pipeline on one recording of the caller's data files: read -> Filter 1-40 Hz ->
     * EpochExtraction (-0.2..0.5 s, baseline to 0, every event) -> EpochAveraging -> Export "evoked", blocks 1 to 5,
     * as MNE's reference scripts run it.
     */
    public static String eegPipeline(String file) {
        String eeg = "EEG_Basil.zip:EEG_Basil";
        return new WorkflowJson()
                .block(1, eeg, "OfflineDataProvider", Map.of("EEG File", file))
                .block(2, eeg, "Filter", Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"))
                .block(3, eeg, "EpochExtraction", Map.of("PreStimulus onset", "-0.2", "PostStimulus onset", "0.5",
                        "Baseline Correction Start Time", "None", "Baseline Correction End Time", "0",
                        "Event Id", "None"))
                .block(4, eeg, "EpochAveraging", Map.of())
                .block(5, eeg, "Export", Map.of("File name", "evoked"))
                .edge(1, "EEGData", 2, "EEGData")
                .edge(2, "EEGData", 3, "EEGData")
                .edge(3, "Epochs", 4, "Epochs")
                .edge(4, "Epochs", 5, "Epochs")
                .json();
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
