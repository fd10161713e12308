package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.classify.DenseNetwork;
import org.eegworkflow.eeg.classify.Evaluation;
import org.eegworkflow.eeg.classify.NetworkSpec;
import org.eegworkflow.eeg.classify.Optimizer;
import org.eegworkflow.eeg.classify.TrainingMonitor;
import org.eegworkflow.eeg.classify.TrainingSettings;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/**
 * Trains a dense network on feature vectors. Unlike the old block, whose "validation" accuracy was measured on the
 * training vectors, it reports accuracy on vectors the network did not see (a stratified held-out share, or k-fold
 * cross-validation), then trains the output network on all the vectors.
 */
@BlockType(name = "NeuralNetworkClassifier", family = "Classification", memoryMb = 512,
        description = "Trains a neural network (the layers of the connected Model, then a softmax output layer) on"
                + " feature vectors; shows the accuracy on held-out vectors as a confusion matrix and outputs the"
                + " network trained on all vectors.")
public class NeuralNetworkClassifier {

    @BlockInput(name = "Model", type = ModelCodec.TYPE, cardinality = "0-1",
            description = "The layers, from NeuralNetworkLayer; none trains a softmax regression.")
    Object model;

    @BlockInput(name = "FeatureVector", type = FeatureVectorCodec.TYPE,
            description = "The labelled feature vectors to learn from.")
    FeatureVectors features;

    @BlockProperty(name = "Optimizer", type = Types.STRING, defaultValue = "adam",
            description = "adam, adagrad or rmsprop (Keras's defaults).")
    Optimizer optimizer;

    @BlockProperty(name = "Test Size", type = Types.NUMBER, defaultValue = "0.33",
            description = "The share of each class held out to measure accuracy, when Folds is 0.")
    double testSize;

    @BlockProperty(name = "Number of Epochs", type = Types.NUMBER, defaultValue = "100",
            description = "Passes over the training vectors.")
    int epochs;

    @BlockProperty(name = "Number of Classes", type = Types.NUMBER,
            description = "Optional: empty takes it from the feature vectors; a different number fails the block.")
    int classes;

    @BlockProperty(name = "Folds", type = Types.NUMBER, defaultValue = "0",
            description = "0: measure accuracy on the held-out Test Size; 2 or more: stratified k-fold"
                    + " cross-validation with that many folds.")
    int folds;

    @BlockProperty(name = "Learning Rate", type = Types.NUMBER, defaultValue = "0.001",
            description = "The optimizer's step size (Keras's default 0.001).")
    double learningRate;

    @BlockProperty(name = "Batch Size", type = Types.NUMBER, defaultValue = "32",
            description = "Vectors per gradient step.")
    int batchSize;

    @BlockProperty(name = "Seed", type = Types.NUMBER, defaultValue = "1",
            description = "Seeds the initial weights, the order of vectors and the test split: the same seed gives"
                    + " the same results.")
    long seed;

    @BlockOutput(name = "Model", type = ModelCodec.TYPE, description = "The network trained on all the vectors.")
    Object output;

    @BlockExecute
    public Table execute(BlockContext context) {
        ClassifierBlocks.checkTrainingData(features);
        int found = features.classNames().size();
        if (classes < 0 || (classes != 0 && classes != found)) {
            throw new IllegalArgumentException("property 'Number of Classes' is " + classes + " but input"
                    + " 'FeatureVector' has " + found + " classes " + features.classNames() + ": leave the property"
                    + " empty to take the number from the data, or check the event ids chosen for the epochs");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("property 'Number of Epochs' is " + epochs + ": use 1 or more");
        }
        if (!(learningRate > 0) || learningRate > 10) {
            throw new IllegalArgumentException("property 'Learning Rate' is " + learningRate
                    + ": use a positive step size such as 0.001");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("property 'Batch Size' is " + batchSize + ": use 1 or more");
        }
        NetworkSpec layers;
        if (model == null) {
            layers = NetworkSpec.empty();
        } else if (model instanceof NetworkSpec spec) {
            layers = spec;
        } else if (model instanceof DenseNetwork trained) {
            // retraining a network means training its shape again from new weights
            layers = trained.spec();
            context.log("input 'Model' is a trained network: its layers are trained again from new weights");
        } else {
            throw new IllegalArgumentException("input 'Model' carries " + model + ", not a network: connect"
                    + " NeuralNetworkLayer blocks, or nothing");
        }
        NetworkSpec trainedSpec = layers.withSoftmaxOutput(found);
        DenseNetwork.checkSize(trainedSpec, features.width());
        TrainingSettings settings = new TrainingSettings(optimizer, learningRate, epochs, batchSize, seed);
        context.log("training a dense " + trainedSpec + " on " + features.count() + " vectors of "
                + features.width() + " features");

        TrainingMonitor monitor = ClassifierBlocks.monitor(context);
        int trainings = folds >= 2 ? folds + 1 : 2;
        double evaluationShare = (trainings - 1.0) / trainings;
        Evaluation.Trainer trainer = (x, y, names, m) -> DenseNetwork.train(layers, x, y, names, settings, m);
        Evaluation evaluation = ClassifierBlocks.evaluate(features, folds, testSize, seed, trainer,
                monitor.part(0, evaluationShare));
        ClassifierBlocks.log(context, evaluation, features);

        DenseNetwork network = DenseNetwork.train(layers, features.features(), features.labels(),
                features.classNames(), settings, monitor.part(evaluationShare, 1));
        context.log("output: " + network.describe());
        output = network;
        return ClassifierBlocks.confusionTable(evaluation);
    }
}
