package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Samples;
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
        Samples samples = recording.samples();
        double rate = recording.samplingRate();
        // the CSV is written row by row: a chunk of samples of every channel is read at a time
        Chunks chunks = new Chunks(samples, samples.rows(), CHUNK);
        return Table.generated(name, header, recording.sampleCount(), i -> {
            double[][] chunk = chunks.around(0, i);
            int at = i - chunks.start;
            List<Object> row = new ArrayList<>(chunk.length + 1);
            row.add(i / rate);
            for (double[] channel : chunk) {
                row.add(channel[at] * MICROVOLTS);
            }
            return row;
        });
    }

    private static final int CHUNK = 1 << 12;

    /** The columns {@code start .. start + length} of {@code count} consecutive rows, read when asked for others. */
    private static final class Chunks {
        private final Samples samples;
        private final double[][] chunk;
        private int firstRow = -1;
        private int start = -1;

        Chunks(Samples samples, int count, int length) {
            this.samples = samples;
            this.chunk = new double[count][length];
        }

        /** Rows {@code row ..} around column {@code column}; for a recording, from chunk start {@link #start}. */
        synchronized double[][] around(int row, int column) {
            int length = chunk.length == 0 ? 0 : chunk[0].length;
            int wanted = length == 0 ? 0 : column - column % length;
            if (row != firstRow || wanted != start) {
                int n = (int) Math.min(length, samples.columns() - wanted);
                for (int r = 0; r < chunk.length; r++) {
                    samples.read(row + r, wanted, chunk[r], 0, n);
                }
                firstRow = row;
                start = wanted;
            }
            return chunk;
        }
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
        // one epoch, all channels, read at a time
        Chunks chunks = new Chunks(input.samples(), input.channelCount(), times);
        return Table.generated(name, header, input.epochCount() * times, index -> {
            int e = index / times;
            int t = index % times;
            double[][] epoch = chunks.around(e * input.channelCount(), 0);
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
