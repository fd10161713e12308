package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.classify.Activation;
import org.eegworkflow.eeg.classify.LayerSpec;
import org.eegworkflow.eeg.classify.NetworkSpec;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Adds a dense layer to a network that NeuralNetworkClassifier will train; chained, these blocks describe the
 * network layer by layer. Nothing is trained here.
 */
@BlockType(name = "NeuralNetworkLayer", family = "Classification",
        description = "Adds a dense (fully connected) layer to a neural network, starting one when no Model is"
                + " connected. NeuralNetworkClassifier trains the network.")
public class NeuralNetworkLayer {
    /** More units than this would make a network too large to train on this server. */
    static final int MAX_UNITS = 100_000;

    @BlockInput(name = "Model", type = ModelCodec.TYPE, cardinality = "0-1",
            description = "The network so far (from another NeuralNetworkLayer); none starts a new network.")
    Object model;

    @BlockProperty(name = "Number of Units", type = Types.NUMBER,
            description = "Required. How many units (neurons) the layer has, a whole number from 1.")
    int units;

    /** A STRING, not an enum: {@code leaky-relu} is not a Java name, and old workflows carry exactly these names. */
    @BlockProperty(name = "Activation Function", type = Types.STRING, defaultValue = "relu",
            description = "One of sigmoid, relu, softmax, elu, leaky-relu, selu, gelu.")
    String activation;

    @BlockOutput(name = "Model", type = ModelCodec.TYPE, description = "The network with this layer added.")
    Object output;

    @BlockExecute
    public String execute() {
        if (units < 1 || units > MAX_UNITS) {
            throw new IllegalArgumentException("property 'Number of Units' is " + (units == 0 ? "missing or 0"
                    : Integer.toString(units)) + ": give a whole number from 1 to " + MAX_UNITS);
        }
        Activation function;
        try {
            function = Activation.fromName(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property 'Activation Function': " + e.getMessage(), e);
        }
        NetworkSpec spec;
        if (model == null) {
            spec = NetworkSpec.empty();
        } else if (model instanceof NetworkSpec existing) {
            spec = existing;
        } else {
            throw new IllegalArgumentException("input 'Model' carries a trained model (" + model + "); layers can"
                    + " only be added before training: connect this block before NeuralNetworkClassifier");
        }
        NetworkSpec result = spec.append(new LayerSpec(units, function));
        output = result;
        return result.toString();
    }
}
