package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eegworkflow.eeg.classify.ClassifierModel;
import org.eegworkflow.eeg.classify.Evaluation;
import org.eegworkflow.eeg.classify.NetworkSpec;
import org.eegworkflow.eeg.classify.TrainingMonitor;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Table;

/** What the classification blocks share: input checks, evaluation by their properties, the report table. */
final class ClassifierBlocks {
    private ClassifierBlocks() {
    }

    /** Feature vectors fit to train on: connected, at least two, at least two classes. */
    static void checkTrainingData(FeatureVectors data) {
        if (data == null) {
            throw new IllegalArgumentException("input 'FeatureVector' is not connected: connect the feature vectors"
                    + " to train on");
        }
        if (data.count() < 2 || data.width() == 0) {
            throw new IllegalArgumentException("input 'FeatureVector' has " + data.count() + " vectors of "
                    + data.width() + " features: training needs at least 2 vectors with features");
        }
        if (data.classNames().size() < 2) {
            throw new IllegalArgumentException("input 'FeatureVector' has " + data.classNames().size()
                    + " class " + data.classNames() + ": a classifier needs at least 2 classes (check the event"
                    + " ids chosen for the epochs)");
        }
    }

    /** The engine's context as a training monitor. */
    static TrainingMonitor monitor(BlockContext context) {
        return new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return context.isCancelled();
            }

            @Override
            public void progress(double fraction) {
                context.progress(fraction);
            }
        };
    }

    /**
     * Evaluates by k-fold when {@code folds >= 2}, else on a held-out share {@code testSize}; property errors name
     * the properties {@code Folds} and {@code Test Size}.
     */
    static Evaluation evaluate(FeatureVectors data, int folds, double testSize, long seed,
                               Evaluation.Trainer trainer, TrainingMonitor monitor) {
        if (data.hasGroups()) {
            // vectors of a study (GroupFeatures): accuracy across subjects, each tested by a model that never saw it
            return Evaluation.leaveOneGroupOut(data, trainer, monitor);
        }
        if (folds == 1 || folds < 0) {
            throw new IllegalArgumentException("property 'Folds' is " + folds + ": use 0 to test on a held-out share"
                    + " ('Test Size'), or 2 or more for k-fold cross-validation");
        }
        if (folds >= 2) {
            if (folds > data.count()) {
                throw new IllegalArgumentException("property 'Folds' is " + folds + " but input 'FeatureVector' has"
                        + " only " + data.count() + " vectors: use at most " + data.count() + " folds");
            }
            return Evaluation.kFold(data, folds, seed, trainer, monitor);
        }
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("property 'Test Size' is " + testSize + ": give the share of vectors"
                    + " held out for testing, between 0 and 1 (for example 0.33)");
        }
        try {
            return Evaluation.heldOut(data, testSize, seed, trainer, monitor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property 'Test Size': " + e.getMessage(), e);
        }
    }

    /** Logs the evaluation: the summary, each fold's accuracy, classes without vectors. */
    static void log(BlockContext context, Evaluation evaluation, FeatureVectors data) {
        context.log(evaluation.summary());
        if (data.hasGroups()) {
            List<String> groups = new ArrayList<>(new java.util.LinkedHashSet<>(data.groups()));
            List<String> each = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                each.add(groups.get(g) + " " + String.format(Locale.ROOT, "%.3f", evaluation.foldAccuracies()[g]));
            }
            context.log("leave one subject out, accuracy of each subject tested by a model trained on the others: "
                    + String.join(", ", each));
        } else if (evaluation.folds() >= 2) {
            List<String> folds = new ArrayList<>();
            for (double a : evaluation.foldAccuracies()) {
                folds.add(String.format(Locale.ROOT, "%.3f", a));
            }
            context.log("accuracy per fold: " + String.join(", ", folds));
        }
        int[] counts = new int[data.classNames().size()];
        for (int label : data.labels()) {
            counts[label]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                context.log("class '" + data.classNames().get(c) + "' has no vectors: it is never learnt");
            }
        }
    }

    /**
     * The confusion matrix: a row per actual class, a column per predicted class, then rows for the accuracy (with
     * its standard deviation over folds) and the chance level, their value in the first class column.
     */
    static Table confusionTable(Evaluation evaluation) {
        List<String> names = evaluation.classNames();
        List<String> header = new ArrayList<>();
        header.add("actual \\ predicted");
        header.addAll(names);
        List<List<Object>> rows = new ArrayList<>();
        long[][] confusion = evaluation.confusion();
        for (int c = 0; c < names.size(); c++) {
            List<Object> row = new ArrayList<>();
            row.add(names.get(c));
            for (long count : confusion[c]) {
                row.add(count);
            }
            rows.add(row);
        }
        if (evaluation.folds() >= 2) {
            rows.add(line("accuracy (mean over " + evaluation.folds() + " folds)", evaluation.meanAccuracy(),
                    names.size()));
            rows.add(line("accuracy sd over folds", evaluation.sdAccuracy(), names.size()));
        } else {
            rows.add(line("accuracy (held-out)", evaluation.accuracy(), names.size()));
        }
        rows.add(line("chance level (majority class " + evaluation.majorityClass() + ")", evaluation.chanceLevel(),
                names.size()));
        return Table.of("confusion", header, rows);
    }

    private static List<Object> line(String title, double value, int classes) {
        List<Object> row = new ArrayList<>();
        row.add(title);
        row.add(Math.round(value * 1e6) / 1e6);
        for (int c = 1; c < classes; c++) {
            row.add("");
        }
        return row;
    }

    /** A model input's trained classifier, or a message saying what arrived instead. */
    static ClassifierModel trained(Object model, String where) {
        if (model instanceof ClassifierModel trained) {
            return trained;
        }
        if (model instanceof NetworkSpec spec) {
            throw new IllegalArgumentException(where + " carries an untrained " + spec + ": train it first with"
                    + " NeuralNetworkClassifier (or use LinearClassifier)");
        }
        throw new IllegalArgumentException(where + " carries " + (model == null ? "nothing" : "a "
                + model.getClass().getSimpleName()) + ", not a trained model");
    }
}
