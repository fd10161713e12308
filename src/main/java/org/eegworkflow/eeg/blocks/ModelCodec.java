package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.eegworkflow.eeg.classify.ModelFormat;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Checkpoints values of connector type {@code Model}: an untrained {@code NetworkSpec} (from NeuralNetworkLayer) or
 * a trained {@code ClassifierModel}, in the {@link ModelFormat} that SaveModel writes to files.
 */
public class ModelCodec implements ValueCodec {
    /** The connector type name. */
    public static final String TYPE = "Model";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void write(Object value, DataOutput out) throws IOException {
        ModelFormat.write(value, out);
    }

    @Override
    public Object read(DataInput in) throws IOException {
        return ModelFormat.read(in);
    }
}
