package org.eegworkflow.eeg.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eegworkflow.eeg.data.FeatureVectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {

    /** 3 classes of 10, 7 and 4 rows; column 0 of each row is its row number, so a trainer can see which it got. */
    private static FeatureVectors numbered() {
        int[] labels = new int[21];
        double[][] x = new double[21][];
        for (int i = 0; i < 21; i++) {
            labels[i] = i < 10 ? 0 : i < 17 ? 1 : 2;
            x[i] = new double[] {i, labels[i]};
        }
        return new FeatureVectors(x, new int[21], labels, List.of("a", "b", "c"));
    }

    /** Records the row numbers it is given, and predicts from column 1 (the label itself: a perfect model). */
    private static final class Spy implements Evaluation.Trainer {
        final List<Set<Integer>> seen = new ArrayList<>();
        final List<Set<Integer>> predicted = new ArrayList<>();

        @Override
        public ClassifierModel train(double[][] x, int[] y, List<String> classNames, TrainingMonitor monitor) {
            Set<Integer> rows = new HashSet<>();
            for (int i = 0; i < x.length; i++) {
                rows.add((int) x[i][0]);
                assertEquals((int) x[i][1], y[i], "labels travel with their rows");
            }
            seen.add(rows);
            Set<Integer> tested = new HashSet<>();
            predicted.add(tested);
            return new ClassifierModel() {
                @Override
                public int[] predict(double[][] features) {
                    int[] out = new int[features.length];
                    for (int i = 0; i < features.length; i++) {
                        tested.add((int) features[i][0]);
                        out[i] = (int) features[i][1];
                    }
                    return out;
                }

                @Override
                public List<String> classNames() {
                    return classNames;
                }

                @Override
                public int featureCount() {
                    return 2;
                }

                @Override
                public String describe() {
                    return "spy";
                }
            };
        }
    }

    @Test
    void kFoldNeverTrainsOnATestRowAndTestsEveryRowOnce() {
        Spy spy = new Spy();
        Evaluation evaluation = Evaluation.kFold(numbered(), 4, 7, spy, TrainingMonitor.NONE);
        assertEquals(4, spy.seen.size());
        List<Integer> testedOnce = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            Set<Integer> overlap = new HashSet<>(spy.seen.get(f));
            overlap.retainAll(spy.predicted.get(f));
            assertTrue(overlap.isEmpty(), "fold " + f + " trained on its test rows " + overlap);
            assertEquals(21, spy.seen.get(f).size() + spy.predicted.get(f).size());
            testedOnce.addAll(spy.predicted.get(f));
        }
        testedOnce.sort(null);
        assertEquals(java.util.stream.IntStream.range(0, 21).boxed().toList(), testedOnce);
        assertEquals(1.0, evaluation.accuracy());
        assertEquals(21, evaluation.tested());
        assertEquals(10 / 21.0, evaluation.chanceLevel(), 1e-15);
        assertEquals("a", evaluation.majorityClass());
    }

    @Test
    void heldOutNeverTrainsOnATestRow() {
        Spy spy = new Spy();
        Evaluation evaluation = Evaluation.heldOut(numbered(), 0.33, 3, spy, TrainingMonitor.NONE);
        Set<Integer> overlap = new HashSet<>(spy.seen.get(0));
        overlap.retainAll(spy.predicted.get(0));
        assertTrue(overlap.isEmpty());
        // round(0.33 * 10) = 3, round(0.33 * 7) = 2, round(0.33 * 4) = 1
        assertEquals(6, spy.predicted.get(0).size());
        assertEquals(15, spy.seen.get(0).size());
        assertEquals(0, evaluation.folds());
        assertEquals(6, evaluation.tested());
    }

    @Test
    void splitsAreStratifiedDisjointAndReproducible() {
        int[] labels = numbered().labels();
        List<Evaluation.Split> folds = Evaluation.stratifiedKFold(labels, 3, 3, 5);
        for (Evaluation.Split split : folds) {
            int[] perClass = new int[3];
            for (int row : split.test()) {
                perClass[labels[row]]++;
            }
            // 10, 7, 4 rows dealt in turn to 3 folds: every fold gets 3 or 4, 2 or 3, 1 or 2
            assertTrue(perClass[0] >= 3 && perClass[0] <= 4 && perClass[1] >= 2 && perClass[1] <= 3
                    && perClass[2] >= 1 && perClass[2] <= 2, Arrays.toString(perClass));
            assertEquals(7, split.test().length);
            for (int row : split.test()) {
                assertTrue(Arrays.binarySearch(split.train(), row) < 0);
            }
        }
        List<Evaluation.Split> again = Evaluation.stratifiedKFold(labels, 3, 3, 5);
        List<Evaluation.Split> other = Evaluation.stratifiedKFold(labels, 3, 3, 6);
        boolean differs = false;
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(folds.get(f).test(), again.get(f).test());
            differs |= !Arrays.equals(folds.get(f).test(), other.get(f).test());
        }
        assertTrue(differs, "another seed deals the rows differently");
    }

    @Test
    void aSplitThatTestsATrainingRowIsRefused() {
        FeatureVectors data = numbered();
        List<Evaluation.Split> bad = List.of(new Evaluation.Split(new int[] {0, 1, 2}, new int[] {2, 3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluation.run(
                data.features(), data.labels(), data.classNames(), bad, 0, new Spy(), TrainingMonitor.NONE));
        assertEquals("a split both trains and tests on row 2", e.getMessage());
    }

    @Test
    void confusionMatrixCountsActualAgainstPredicted() {
        int[] actual = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] predicted = {0, 1, 0, 1, 2, 2, 2, 0, 2};
        long[][] matrix = Evaluation.confusionMatrix(actual, predicted, 3);
        assertArrayEquals(new long[] {2, 1, 0}, matrix[0]);
        assertArrayEquals(new long[] {0, 1, 1}, matrix[1]);
        assertArrayEquals(new long[] {1, 0, 3}, matrix[2]);
    }

    @Test
    void foldAccuraciesMeanAndSd() {
        // a model that always says class 0 scores each fold's share of class 0
        Evaluation.Trainer constant = (x, y, names, m) -> new ClassifierModel() {
            @Override
            public int[] predict(double[][] features) {
                return new int[features.length];
            }

            @Override
            public List<String> classNames() {
                return names;
            }

            @Override
            public int featureCount() {
                return 2;
            }

            @Override
            public String describe() {
                return "constant";
            }
        };
        FeatureVectors data = numbered();
        Evaluation evaluation = Evaluation.kFold(data, 3, 1, constant, TrainingMonitor.NONE);
        double[] folds = evaluation.foldAccuracies();
        double mean = (folds[0] + folds[1] + folds[2]) / 3;
        assertEquals(mean, evaluation.meanAccuracy(), 1e-15);
        double var = 0;
        for (double f : folds) {
            var += (f - mean) * (f - mean) / 3;
        }
        assertEquals(Math.sqrt(var), evaluation.sdAccuracy(), 1e-15);
        assertEquals(10 / 21.0, evaluation.accuracy(), 1e-15);
        assertArrayEquals(new long[] {10, 0, 0}, evaluation.confusion()[0]);
        assertArrayEquals(new long[] {7, 0, 0}, evaluation.confusion()[1]);
        assertTrue(evaluation.summary().startsWith("accuracy 0.476 ± "), evaluation.summary());
        assertTrue(evaluation.summary().endsWith("chance level 0.476 (majority class 'a')"), evaluation.summary());
    }

    @Test
    void badSettingsAreRefused() {
        int[] labels = numbered().labels();
        assertThrows(IllegalArgumentException.class, () -> Evaluation.stratifiedKFold(labels, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.stratifiedKFold(labels, 3, 22, 1));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.stratifiedHoldOut(labels, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.stratifiedHoldOut(labels, 3, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.stratifiedHoldOut(new int[] {0, 1}, 2, 0.5, 1));
        assertTrue(e.getMessage().contains("too few"), e.getMessage());
        assertFalse(Evaluation.stratifiedHoldOut(new int[] {0, 0, 1, 1}, 2, 0.1, 1).test().length == 0,
                "each class of two or more rows gives at least one test row");
    }
}
