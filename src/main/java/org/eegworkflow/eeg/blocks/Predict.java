package org.eegworkflow.eeg.blocks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eegworkflow.eeg.classify.ClassifierModel;
import org.eegworkflow.eeg.classify.ModelFormatException;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/**
 * Classifies feature vectors with a trained model: one connected over an edge, or one saved by SaveModel and
 * uploaded to the user's data files. When the vectors' classes are among the model's, it reports the accuracy too.
 */
@BlockType(name = "Predict", family = "Classification", memoryMb = 256,
        description = "Predicts the class of each feature vector with a trained model (connected, or a file saved"
                + " by SaveModel); shows a table of predictions and, where the true classes are known, the"
                + " accuracy.")
public class Predict {

    @BlockProperty(name = "Model File", type = Types.FILE,
            description = "A model saved by SaveModel and uploaded to your data files (or connect input Model).")
    Path modelFile;

    @BlockInput(name = "Model", type = ModelCodec.TYPE, cardinality = "0-1",
            description = "A trained model (or choose a Model File).")
    Object model;

    @BlockInput(name = "FeatureVector", type = FeatureVectorCodec.TYPE,
            description = "The feature vectors to classify, extracted as for training.")
    FeatureVectors features;

    @BlockExecute
    public Table execute(BlockContext context) {
        ClassifierModel classifier = classifier();
        if (features == null) {
            throw new IllegalArgumentException("input 'FeatureVector' is not connected: connect the vectors to"
                    + " classify");
        }
        if (features.count() > 0 && features.width() != classifier.featureCount()) {
            throw new IllegalArgumentException("the model expects " + classifier.featureCount() + " features per"
                    + " vector but input 'FeatureVector' has " + features.width() + ": extract the features with"
                    + " the same settings (channels, epoch window, wavelet) as for training");
        }
        int[] predicted = classifier.predict(features.features());
        List<String> modelClasses = classifier.classNames();
        // a vector's true class counts only if the model knows a class of that name
        int[] actual = new int[features.count()];
        int known = 0;
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            actual[i] = modelClasses.indexOf(features.classNames().get(features.labels()[i]));
            if (actual[i] >= 0) {
                known++;
                if (actual[i] == predicted[i]) {
                    correct++;
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("index", "event id", "predicted class"));
        if (known > 0) {
            header.add("actual class");
            header.add("correct");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            List<Object> row = new ArrayList<>();
            row.add(i);
            row.add(features.eventIds()[i]);
            row.add(modelClasses.get(predicted[i]));
            if (known > 0) {
                row.add(actual[i] >= 0 ? modelClasses.get(actual[i]) : "");
                row.add(actual[i] < 0 ? "" : actual[i] == predicted[i] ? "yes" : "no");
            }
            rows.add(row);
        }
        context.log("model: " + classifier.describe());
        if (known > 0) {
            double accuracy = (double) correct / known;
            String line = String.format(Locale.ROOT, "accuracy %.3f (%d of %d vectors right)", accuracy, correct,
                    known);
            if (known < actual.length) {
                line += "; " + (actual.length - known) + " vectors have classes the model does not know";
            }
            context.log(line);
            List<Object> total = new ArrayList<>(List.of("accuracy", "", "", "", Math.round(accuracy * 1e6) / 1e6));
            rows.add(total);
        } else if (actual.length > 0) {
            context.log("no accuracy: the vectors' classes " + features.classNames() + " are not the model's "
                    + modelClasses);
        }
        return Table.of("predictions", header, rows);
    }

    private ClassifierModel classifier() {
        if (modelFile != null && model != null) {
            throw new IllegalArgumentException("both property 'Model File' and input 'Model' are set: use one");
        }
        if (model != null) {
            return ClassifierBlocks.trained(model, "input 'Model'");
        }
        if (modelFile == null) {
            throw new IllegalArgumentException("no model: connect a trained model to input 'Model', or choose a file"
                    + " saved by SaveModel in property 'Model File'");
        }
        try {
            return ClassifierModel.load(modelFile);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("property 'Model File': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("property 'Model File': cannot read '" + modelFile.getFileName() + "': "
                    + e.getMessage(), e);
        }
    }
}
