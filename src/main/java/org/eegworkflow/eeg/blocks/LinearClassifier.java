package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.classify.Evaluation;
import org.eegworkflow.eeg.classify.LinearAlgorithm;
import org.eegworkflow.eeg.classify.TrainingMonitor;
import org.eegworkflow.eeg.classify.TribuoLinear;
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
 * Logistic regression or a linear SVM, trained by Tribuo (a maintained machine-learning library), measured by
 * stratified k-fold cross-validation (or a held-out share), then trained on all the vectors for the output.
 */
@BlockType(name = "LinearClassifier", family = "Classification", memoryMb = 512,
        description = "Trains logistic regression or a linear SVM (Tribuo) on feature vectors; shows the"
                + " cross-validated accuracy as a confusion matrix and outputs the model trained on all vectors.")
public class LinearClassifier {

    @BlockInput(name = "FeatureVector", type = FeatureVectorCodec.TYPE,
            description = "The labelled feature vectors to learn from.")
    FeatureVectors features;

    @BlockProperty(name = "Algorithm", type = Types.STRING, defaultValue = "LOGISTIC_REGRESSION",
            description = "LOGISTIC_REGRESSION or LINEAR_SVM.")
    LinearAlgorithm algorithm;

    @BlockProperty(name = "Folds", type = Types.NUMBER, defaultValue = "5",
            description = "2 or more: stratified k-fold cross-validation with that many folds; 0: measure accuracy"
                    + " on the held-out Test Size instead.")
    int folds;

    @BlockProperty(name = "Test Size", type = Types.NUMBER, defaultValue = "0.33",
            description = "The share of each class held out to measure accuracy, when Folds is 0.")
    double testSize;

    @BlockProperty(name = "Number of Epochs", type = Types.NUMBER, defaultValue = "5",
            description = "Passes over the training vectors (Tribuo's default 5).")
    int epochs;

    @BlockProperty(name = "Seed", type = Types.NUMBER, defaultValue = "1",
            description = "Seeds the order of vectors and the folds: the same seed gives the same results.")
    long seed;

    @BlockOutput(name = "Model", type = ModelCodec.TYPE, description = "The model trained on all the vectors.")
    Object output;

    @BlockExecute
    public Table execute(BlockContext context) {
        ClassifierBlocks.checkTrainingData(features);
        if (epochs < 1) {
            throw new IllegalArgumentException("property 'Number of Epochs' is " + epochs + ": use 1 or more");
        }
        context.log("training " + algorithm.title() + " on " + features.count() + " vectors of " + features.width()
                + " features, classes " + features.classNames());
        TrainingMonitor monitor = ClassifierBlocks.monitor(context);
        int trainings = folds >= 2 ? folds + 1 : 2;
        double evaluationShare = (trainings - 1.0) / trainings;
        Evaluation.Trainer trainer = (x, y, names, m) -> {
            if (m.isCancelled()) {
                throw new java.util.concurrent.CancellationException("training stopped");
            }
            TribuoLinear model = TribuoLinear.train(algorithm, x, y, names, epochs, seed);
            m.progress(1);
            return model;
        };
        Evaluation evaluation = ClassifierBlocks.evaluate(features, folds, testSize, seed, trainer,
                monitor.part(0, evaluationShare));
        ClassifierBlocks.log(context, evaluation, features);

        TribuoLinear model = TribuoLinear.train(algorithm, features.features(), features.labels(),
                features.classNames(), epochs, seed);
        monitor.progress(1);
        context.log("output: " + model.describe());
        output = model;
        return ClassifierBlocks.confusionTable(evaluation);
    }
}
