package org.eegworkflow.eeg.blocks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.bids.Derivatives;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Types;

/**
 * Writes a study's per-recording results into its BIDS dataset's {@code derivatives/<name>/} (the BIDS derivatives
 * layout): processed recordings as BrainVision with their sidecars, per-recording numbers as one TSV table with a
 * JSON sidecar, each named by the source's entities plus {@code desc-<label>}, and {@code dataset_description.json}
 * saying what made them (this server, the job).
 */
@BlockType(name = "BIDSDerivatives", family = "Export", memoryMb = 64,
        description = "Writes a study's processed recordings (and per-recording numbers) into the dataset's"
                + " derivatives/<name>/ folder, as BIDS derivatives.")
public class BIDSDerivatives {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA + "[]", cardinality = "0-1",
            description = "The processed recordings of the study (a collection).")
    Elements<EegData> recordings;

    @BlockInput(name = "Numbers", type = Types.NUMBER_ARRAY, cardinality = "0-1",
            description = "A number per recording (a collection), written as one table.")
    Elements<Object> numbers;

    @BlockProperty(name = "Dataset Folder", type = Types.FILE,
            description = "The BIDS dataset (among your data files) whose derivatives/ folder receives the results.")
    Path dataset;

    @BlockProperty(name = "Pipeline Name", type = Types.STRING, defaultValue = "eegworkflow",
            description = "The folder under derivatives/ (letters, digits, dots, dashes, underscores).")
    String pipeline = "eegworkflow";

    @BlockProperty(name = "Description", type = Types.STRING, defaultValue = "processed",
            description = "The desc- label of the files written (letters and digits).")
    String desc = "processed";

    @BlockExecute
    public String execute(BlockContext context) {
        if (dataset == null || !Files.isDirectory(dataset)) {
            throw new IllegalArgumentException("property 'Dataset Folder' must be the dataset's folder among your"
                    + " data files");
        }
        if (desc == null || !Derivatives.LABEL.matcher(desc).matches()) {
            throw new IllegalArgumentException("property 'Description' must be letters and digits (a BIDS label),"
                    + " got '" + desc + "'");
        }
        if (recordings.isEmpty() && numbers.isEmpty()) {
            throw new IllegalArgumentException("connect the study's recordings to 'EEGData' or its numbers to"
                    + " 'Numbers': there is nothing to write");
        }
        Map<String, String> generatedBy = new LinkedHashMap<>();
        generatedBy.put("Name", "EEG Workflow System");
        generatedBy.put("Version", version());
        generatedBy.put("Description", "block BIDSDerivatives" + (context.jobId().isEmpty() ? ""
                : " of job " + context.jobId()));
        Derivatives out = Derivatives.open(dataset, pipeline, generatedBy, dataset.getFileName().toString());
        int written = 0;
        for (Elements.Element<EegData> element : recordings) {
            String file = out.recording(element.key(), desc, element.value());
            context.log("wrote " + file);
            written++;
            context.progress((double) written / Math.max(1, recordings.size()));
        }
        String table = null;
        if (!numbers.isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            for (Elements.Element<Object> element : numbers) {
                rows.add(List.of(Derivatives.entities(element.key()), element.value() == null ? "n/a"
                        : element.value()));
            }
            table = out.table(desc, "values", List.of("recording", "value"), rows,
                    Map.of("recording", "The recording's BIDS entities", "value", "The block's number for it"));
            context.log("wrote " + table);
        }
        return "wrote " + written + " recording" + (written == 1 ? "" : "s") + (table == null ? "" : " and " + table)
                + " to derivatives/" + pipeline;
    }

    private static String version() {
        String version = BIDSDerivatives.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
