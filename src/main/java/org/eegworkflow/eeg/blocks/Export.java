package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/**
 * Writes a recording, epochs or an average as a CSV table in µV, one row per sample (for epochs: per epoch and
 * sample), so results leave the system for a spreadsheet, R or Python.
 */
@BlockType(name = "Export", family = "Export", memoryMb = 64,
        description = "CSV of a recording, epochs or an average (µV, one row per sample); connect exactly one input.")
public class Export {
    private static final double MICROVOLTS = 1e6;

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA, cardinality = "0-1")
    EegData data;

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS, cardinality = "0-1")
    Epochs epochs;

    /** Optional, default {@code eeg}. The CSV's name (letters, digits, dot, dash, underscore), without {@code .csv}. */
    @BlockProperty(name = "File name", type = Types.STRING, defaultValue = "eeg",
            description = "Name of the CSV file, without .csv.")
    String name = "eeg";

    @BlockExecute
    public Table execute() {
        if ((data == null) == (epochs == null)) {
            throw new IllegalArgumentException("connect exactly one input to Export: EEGData or Epochs");
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("property 'File name' must be 1 to 100 letters, digits, dots, dashes"
                    + " or underscores, for example evoked");
        }
        return data != null ? recording(data) : epochs(epochs);
    }

    private Table recording(EegData recording) {
        List<String> header = new ArrayList<>();
        header.add("time (s)");
        header.addAll(recording.channelNames());
        double[][] samples = recording.data();
        double rate = recording.samplingRate();
        return Table.generated(name, header, recording.sampleCount(), i -> {
            List<Object> row = new ArrayList<>(samples.length + 1);
            row.add(i / rate);
            for (double[] channel : samples) {
                row.add(channel[i] * MICROVOLTS);
            }
            return row;
        });
    }

    private Table epochs(Epochs input) {
        List<String> header = new ArrayList<>();
        if (!input.averaged()) {
            header.add("epoch");
            header.add("event id");
        }
        header.add("time (s)");
        header.addAll(input.channelNames());
        int times = input.timeCount();
        return Table.generated(name, header, input.epochCount() * times, index -> {
            int e = index / times;
            int t = index % times;
            double[][] epoch = input.data()[e];
            List<Object> row = new ArrayList<>(epoch.length + 3);
            if (!input.averaged()) {
                row.add(e);
                row.add(input.eventIds()[e]);
            }
            row.add(input.times()[t]);
            for (double[] channel : epoch) {
                row.add(channel[t] * MICROVOLTS);
            }
            return row;
        });
    }
}
