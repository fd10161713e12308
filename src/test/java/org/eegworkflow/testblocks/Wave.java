package org.eegworkflow.testblocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/** Samples in a file of the job's folder (2 rows of 70000 columns, each its level): a value a checkpoint points to. */
@BlockType(name = "Wave", family = "Test")
public class Wave {
    public static final String TYPE = "TEST_SAMPLES";

    @BlockProperty(name = "level", type = "NUMBER", defaultValue = "1")
    double level;

    @BlockOutput(name = "samples", type = TYPE)
    Samples samples;

    @BlockExecute
    public String execute(BlockContext context) {
        int columns = 70_000;
        Samples.Writer writer = context.newSamples(2, columns);
        double[] row = new double[columns];
        java.util.Arrays.fill(row, level);
        writer.write(0, 0, row, 0, columns);
        writer.write(1, 0, row, 0, columns);
        samples = writer.finish();
        return "wave at " + level;
    }

    /** Samples through the SDK's handle: a file's path, not its content. */
    public static final class Codec implements ValueCodec {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void write(Object value, DataOutput out) throws IOException {
            StandardCodecs.writeSamples(out, (Samples) value);
        }

        @Override
        public Object read(DataInput in) throws IOException {
            return StandardCodecs.readSamples(in);
        }
    }
}
