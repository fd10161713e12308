package org.eegworkflow.eeg.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.eegworkflow.eeg.data.FeatureVectors;

/**
 * How well a way of training classifies vectors it was not trained on: a stratified hold-out split or stratified
 * k-fold cross-validation. Each split's model is trained on the training rows only (the trainer never receives a
 * test row: it gets a matrix holding the training rows alone) and predicts the test rows; the predictions of all
 * splits make one confusion matrix. Chance level is the share of the most frequent class, which a classifier that
 * ignored the features could reach.
 */
public final class Evaluation {

    /** Trains a model on the rows given; {@link Evaluation} calls it once per split. */
    @FunctionalInterface
    public interface Trainer {
        /**
         * @param x          the training rows only
         * @param y          their classes, indices into {@code classNames}
         * @param classNames every class of the data, including any without training rows
         */
        ClassifierModel train(double[][] x, int[] y, List<String> classNames, TrainingMonitor monitor);
    }

    /** The rows (indices into the data) one model trains on and the rows it is tested on; disjoint. */
    public record Split(int[] train, int[] test) {
    }

    private final List<String> classNames;
    private final long[][] confusion;
    private final double[] foldAccuracies;
    private final int folds;
    private final double chanceLevel;
    private final int majorityClass;

    private Evaluation(List<String> classNames, long[][] confusion, double[] foldAccuracies, int folds,
                       double chanceLevel, int majorityClass) {
        this.classNames = List.copyOf(classNames);
        this.confusion = confusion;
        this.foldAccuracies = foldAccuracies;
        this.folds = folds;
        this.chanceLevel = chanceLevel;
        this.majorityClass = majorityClass;
    }

    /**
     * Trains on a stratified share {@code 1 - testSize} of the vectors and tests on the rest.
     *
     * @param testSize the share of each class held out, strictly between 0 and 1
     * @param seed     seeds which rows are held out
     */
    public static Evaluation heldOut(FeatureVectors data, double testSize, long seed, Trainer trainer,
                                     TrainingMonitor monitor) {
        Split split = stratifiedHoldOut(data.labels(), data.classNames().size(), testSize, seed);
        return run(data.features(), data.labels(), data.classNames(), List.of(split), 0, trainer, monitor);
    }

    /**
     * Stratified k-fold cross-validation: every vector is tested once, by a model trained on the other folds.
     *
     * @param folds at least 2, at most the number of vectors
     * @param seed  seeds which rows go to which fold
     */
    public static Evaluation kFold(FeatureVectors data, int folds, long seed, Trainer trainer,
                                   TrainingMonitor monitor) {
        List<Split> splits = stratifiedKFold(data.labels(), data.classNames().size(), folds, seed);
        return run(data.features(), data.labels(), data.classNames(), splits, folds, trainer, monitor);
    }

    /**
     * Leave one subject out: each group (subject) in turn is tested by a model trained on every other group's
     * vectors, as scikit-learn's {@code LeaveOneGroupOut}; across subjects, never within one.
     *
     * @throws IllegalArgumentException when the vectors have fewer than two groups
     */
    public static Evaluation leaveOneGroupOut(FeatureVectors data, Trainer trainer, TrainingMonitor monitor) {
        List<String> groups = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(data.groups()));
        if (groups.size() < 2) {
            throw new IllegalArgumentException("leaving one subject out needs vectors of two subjects or more, got "
                    + groups.size());
        }
        List<Split> splits = new java.util.ArrayList<>();
        for (String group : groups) {
            int[] test = java.util.stream.IntStream.range(0, data.count())
                    .filter(i -> data.groups().get(i).equals(group)).toArray();
            int[] train = java.util.stream.IntStream.range(0, data.count())
                    .filter(i -> !data.groups().get(i).equals(group)).toArray();
            splits.add(new Split(train, test));
        }
        return run(data.features(), data.labels(), data.classNames(), splits, splits.size(), trainer, monitor);
    }

    /**
     * Runs the given splits.
     *
     * @param folds how to describe them: 0 for a hold-out split, else the number of folds
     * @throws IllegalArgumentException when a split tests a row it trains on, or names a row that does not exist
     */
    public static Evaluation run(double[][] x, int[] y, List<String> classNames, List<Split> splits, int folds,
                                 Trainer trainer, TrainingMonitor monitor) {
        Rows.check(x, y, classNames.size());
        int classes = classNames.size();
        long[][] confusion = new long[classes][classes];
        double[] accuracies = new double[splits.size()];
        for (int s = 0; s < splits.size(); s++) {
            Split split = splits.get(s);
            checkDisjoint(split, x.length);
            // the trainer sees a matrix of the training rows alone: test rows are out of its reach by construction
            double[][] trainX = Rows.select(x, split.train());
            int[] trainY = Rows.select(y, split.train());
            ClassifierModel model = trainer.train(trainX, trainY, classNames,
                    monitor.part((double) s / splits.size(), (s + 1.0) / splits.size()));
            int[] actual = Rows.select(y, split.test());
            int[] predicted = model.predict(Rows.select(x, split.test()));
            long[][] matrix = confusionMatrix(actual, predicted, classes);
            long correct = 0;
            for (int c = 0; c < classes; c++) {
                correct += matrix[c][c];
                for (int p = 0; p < classes; p++) {
                    confusion[c][p] += matrix[c][p];
                }
            }
            accuracies[s] = (double) correct / actual.length;
        }
        int[] counts = new int[classes];
        for (int label : y) {
            counts[label]++;
        }
        int majority = 0;
        for (int c = 1; c < classes; c++) {
            if (counts[c] > counts[majority]) {
                majority = c;
            }
        }
        return new Evaluation(classNames, confusion, accuracies, folds, (double) counts[majority] / y.length,
                majority);
    }

    private static void checkDisjoint(Split split, int rows) {
        boolean[] inTrain = new boolean[rows];
        for (int r : split.train()) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("a split trains on row " + r + " of " + rows);
            }
            inTrain[r] = true;
        }
        if (split.train().length == 0 || split.test().length == 0) {
            throw new IllegalArgumentException("a split has " + split.train().length + " training and "
                    + split.test().length + " test rows: both need at least one");
        }
        for (int r : split.test()) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("a split tests row " + r + " of " + rows);
            }
            if (inTrain[r]) {
                throw new IllegalArgumentException("a split both trains and tests on row " + r);
            }
        }
    }

    /**
     * A stratified hold-out split: of each class, {@code round(testSize * n)} rows at random are held out, but at
     * least one when the class has two or more rows and never all of them (a class of one row stays in training).
     *
     * @throws IllegalArgumentException when testSize is not strictly between 0 and 1, or too few rows are left for
     *                                  a test or a training set
     */
    public static Split stratifiedHoldOut(int[] labels, int classes, double testSize, long seed) {
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("the test size must be a share strictly between 0 and 1, not "
                    + testSize);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] members : byClass(labels, classes, random)) {
            int n = members.length;
            int held = (int) Math.round(testSize * n);
            held = Math.max(n >= 2 ? 1 : 0, Math.min(n - 1, held));
            for (int i = 0; i < n; i++) {
                (i < held ? test : train).add(members[i]);
            }
        }
        if (test.isEmpty() || train.isEmpty()) {
            throw new IllegalArgumentException(labels.length + " feature vectors are too few to hold out a test share"
                    + " of " + testSize + " and still train: add data");
        }
        return new Split(sorted(train), sorted(test));
    }

    /**
     * Stratified k-fold splits: each class's rows, in random order, are dealt to the folds in turn (continuing from
     * class to class), so every fold has about the same size and class proportions.
     *
     * @throws IllegalArgumentException when folds is below 2 or above the number of rows
     */
    public static List<Split> stratifiedKFold(int[] labels, int classes, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("k-fold cross-validation needs at least 2 folds, not " + folds);
        }
        if (folds > labels.length) {
            throw new IllegalArgumentException(folds + " folds need at least " + folds + " feature vectors; there are "
                    + labels.length + ": use fewer folds");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (int[] members : byClass(labels, classes, random)) {
            for (int row : members) {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }
        List<Split> splits = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int row = 0; row < labels.length; row++) {
                (fold[row] == f ? test : train).add(row);
            }
            splits.add(new Split(sorted(train), sorted(test)));
        }
        return splits;
    }

    /** Each class's row indices in random order. */
    private static int[][] byClass(int[] labels, int classes, SplittableRandom random) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is not one of the " + classes + " classes");
            }
            counts[label]++;
        }
        int[][] members = new int[classes][];
        int[] filled = new int[classes];
        for (int c = 0; c < classes; c++) {
            members[c] = new int[counts[c]];
        }
        for (int row = 0; row < labels.length; row++) {
            members[labels[row]][filled[labels[row]]++] = row;
        }
        for (int[] m : members) {
            for (int i = m.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = m[i];
                m[i] = m[j];
                m[j] = t;
            }
        }
        return members;
    }

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /** Counts of [actual class][predicted class]. */
    public static long[][] confusionMatrix(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual classes but " + predicted.length
                    + " predictions");
        }
        long[][] matrix = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            matrix[actual[i]][predicted[i]]++;
        }
        return matrix;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Counts of [actual class][predicted class], summed over the splits. */
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int c = 0; c < confusion.length; c++) {
            copy[c] = confusion[c].clone();
        }
        return copy;
    }

    /** The accuracy on each split's test rows, in split order. */
    public double[] foldAccuracies() {
        return foldAccuracies.clone();
    }

    /** The number of folds, or 0 for a hold-out split. */
    public int folds() {
        return folds;
    }

    /** How many test predictions were made in all. */
    public long tested() {
        long total = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                total += v;
            }
        }
        return total;
    }

    /** How many test predictions were right. */
    public long correct() {
        long total = 0;
        for (int c = 0; c < confusion.length; c++) {
            total += confusion[c][c];
        }
        return total;
    }

    /** The share of all test predictions that were right (over every split's test rows together). */
    public double accuracy() {
        return (double) correct() / tested();
    }

    /** The mean of the splits' accuracies. */
    public double meanAccuracy() {
        double sum = 0;
        for (double a : foldAccuracies) {
            sum += a;
        }
        return sum / foldAccuracies.length;
    }

    /** The population standard deviation of the splits' accuracies (as numpy's {@code std}); 0 for one split. */
    public double sdAccuracy() {
        double mean = meanAccuracy();
        double sum = 0;
        for (double a : foldAccuracies) {
            sum += (a - mean) * (a - mean);
        }
        return Math.sqrt(sum / foldAccuracies.length);
    }

    /** The share of the most frequent class among all the vectors. */
    public double chanceLevel() {
        return chanceLevel;
    }

    /** The name of the most frequent class. */
    public String majorityClass() {
        return classNames.get(majorityClass);
    }

    /**
     * One line, for example {@code "accuracy 0.733 ± 0.082 (mean ± sd over 5 stratified folds; 22 of 30 test
     * vectors right); chance level 0.533 (majority class 'T1')"}.
     */
    public String summary() {
        String chance = String.format(Locale.ROOT, "chance level %.3f (majority class '%s')", chanceLevel,
                majorityClass());
        if (folds == 0) {
            return String.format(Locale.ROOT, "held-out accuracy %.3f (%d of %d test vectors right, stratified"
                    + " hold-out); %s", accuracy(), correct(), tested(), chance);
        }
        return String.format(Locale.ROOT, "accuracy %.3f ± %.3f (mean ± sd over %d stratified folds; %d of %d test"
                + " vectors right); %s", meanAccuracy(), sdAccuracy(), folds, correct(), tested(), chance);
    }

    @Override
    public String toString() {
        return summary();
    }
}
