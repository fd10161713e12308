package org.eegworkflow.eeg.blocks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.eeg.dsp.Epoching;
import org.eegworkflow.eeg.dsp.FirFilter;
import org.eegworkflow.eeg.dsp.HaarWavelet;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EventMapping;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Left versus right fist (T1 versus T2) on real data: PhysioNet eegmmidb subject 1, run 3 (executed movements) and
 * run 4 (imagined), read, band-passed 8-30 Hz (mu and beta rhythms, whose power over the sensorimotor cortex drops
 * on the side opposite the hand), cut into epochs 0-4 s after each T1/T2 onset (no baseline: the band-pass already
 * removed the slow drifts), turned into single-level Haar DWT features, and classified through the blocks
 * LinearClassifier (logistic regression, linear SVM) and NeuralNetworkClassifier (no hidden layer: softmax
 * regression) with stratified 5-fold cross-validation, repeated with 10 seeds (different fold assignments) because
 * 30 epochs in 5 folds give accuracies in steps of 1/6 and one assignment is a noisy estimate.
 *
 * <p>What it found (mean ± population sd of the 50 fold accuracies; the model seeds change with the fold seeds;
 * chance, the majority share, is 16/30 = 0.533):
 * <ul>
 * <li>the DWT approximation coefficients themselves (20544 features: 64 channels x 321) are at or below chance:
 *     logistic regression 0.487 ± 0.176, linear SVM 0.470 ± 0.169, softmax network 0.430 ± 0.153. They are the
 *     band-passed waveforms, whose phase has nothing to do with the hand;</li>
 * <li>the log mean square of each channel's coefficients (64 features: log band power, relative because the DWT
 *     vector is normalised) is above chance, modestly: logistic regression 0.633 ± 0.186, linear SVM 0.620 ± 0.177,
 *     softmax network 0.607 ± 0.188 (with seed 1 alone, 0.767, 0.633 and 0.667: one 5-fold run of 30 epochs is a
 *     noisy estimate). That is in the range usual for single subjects of this data set, but with 30 epochs a margin
 *     of 0.07-0.10 is weak evidence (19 of 30 right has a one-sided binomial p of 0.10 against guessing).</li>
 * </ul>
 * The choice 8-30 Hz, 0-4 s, all 64 channels was made before looking at results. Also tried, and not kept because
 * picking the best of several on 30 epochs would overfit them: 8-13 Hz, the detail coefficients, epochs from 0.5 s,
 * the 21 channels over the motor cortex (exploratory runs with one model seed: log power 0.50-0.77, coefficients
 * 0.40-0.63, sds 0.12-0.32); and 1-40 Hz, the band of the MNE reference pipeline, run as here with 10 seeds: there the coefficients
 * themselves reach logistic regression 0.627 ± 0.175, linear SVM 0.610 ± 0.187, softmax network 0.620 ± 0.186
 * (slow movement-related potentials survive that band), and log power 0.55-0.57. So either pipeline sits about
 * 0.08-0.10 above chance, and log band power is asserted to beat chance by at least 0.05 with every classifier.
 *
 * <p>The pipeline kept, {@code motorRun}, follows the physiology of the task: a hand movement, executed or imagined,
 * lowers mu (8-13 Hz) and beta (13-30 Hz) power over the opposite motor cortex (C4 for T1, C3 for T2). So: blocks
 * AverageReference (over all 64 channels), ChannelSelection {@code C3.., C4..}, epochs 0-4 s of the unfiltered
 * signal, WaveletTransform with {@code Features LOG_ENERGY, Levels 4, First Level 2}: the log energy of the Haar
 * details D2 20-40 Hz, D3 10-20 Hz, D4 5-10 Hz (D1, 40-80 Hz, holds muscle activity and the 60 Hz mains), 6
 * features. Results, as above (10 seeds x 5 folds, standardisation learnt in the training folds only): logistic
 * regression 0.693 ± 0.161, linear SVM 0.680 ± 0.182, softmax network 0.713 ± 0.149; chance 0.533. A numpy
 * prototype (L2 logistic regression) of the same features gave 0.726 ± 0.142 and 22/30 (0.733) in leave-one-out,
 * one-sided binomial p about 0.008 against guessing. Asserted: at least 0.10 above chance with every classifier.
 *
 * <p>How it was found, in the open (17 variants, each with logistic regression and shrinkage LDA in the numpy
 * prototype, 10 x 5 folds, so the choice is not free of selection): without re-referencing, every variant stayed
 * near chance (C3/C4 or 6 channels Fc3/C3/Cp3/Fc4/C4/Cp4 or all 64, D2-D4, 0.5-2.5 s: 0.43-0.49; 6 channels 0-4 s in
 * two windows 0.61-0.63; C3-C4 differences 0.54; log power relative to the -1-0 s baseline 0.42-0.49); a
 * Laplacian (C3/C4 minus their 4 neighbours) 0.48-0.60, relative to baseline 0.35-0.48. The common average
 * reference was the one step that lifted the absolute log energies (C3/C4 0.5-2.5 s 0.67-0.72, 0-4 s 0.71-0.73,
 * 6 channels 0.65-0.66, two windows 0.58-0.61, D3 alone 0.55-0.58; relative to baseline it stayed at 0.49), and its
 * class means have the expected sign (C3 minus C4 log power, D2/D3: +0.14/+0.17 for the left fist, -0.08/-0.06
 * for the right). The 0-4 s window is the one this test used from the start; the 0.5-2.5 s window gave about the
 * same. With 30 epochs, expect a different subject or run to land anywhere between chance and 0.8.
 */
class PhysioNetClassificationTest {
    private static final String MODULE = "EEG_Basil.zip:EEG_Basil";
    private static final int SEEDS = 10;
    private static final int CHANNELS = 64;
    private static FeatureVectors waveletFeatures;
    private static FeatureVectors logPower;
    private static FeatureVectors motorBandPower;

    private static final BlockContext QUIET = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return Path.of(".");
        }

        @Override
        public void log(String line) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @BeforeAll
    static void features() {
        waveletFeatures = concatenate(run("S001R03.edf"), run("S001R04.edf"));
        logPower = logMeanSquarePerChannel(waveletFeatures, CHANNELS);
        motorBandPower = concatenate(motorRun("S001R03.edf"), motorRun("S001R04.edf"));
    }

    private static Object block(Class<?> type, Map<String, String> properties, String input, Object value,
            String output) {
        return BlockInvoker.invoke(BlockIntrospector.describe(MODULE, type), properties, Map.of(input, List.of(value)), QUIET)
                .outputs().get(output);
    }

    /**
     * The pipeline chosen on neurophysiological grounds: common average reference over the 64 channels, C3 and C4,
     * epochs 0-4 s of the unfiltered signal, log energy of the Haar detail levels 2-4 (20-40, 10-20, 5-10 Hz).
     */
    private static FeatureVectors motorRun(String name) {
        EegData raw = EdfReader.read(EegTestData.file("edf-eegmmidb/" + name));
        Events events = EventMapping.fromAnnotations(raw);
        EegData referenced = (EegData) block(AverageReference.class, Map.of(), "EEGData", raw, "EEGData");
        EegData motor = (EegData) block(ChannelSelection.class, Map.of("Channels", "[\"C3..\", \"C4..\"]"),
                "EEGData", referenced, "EEGData");
        int t1 = events.idsByDescription().get("T1");
        int t2 = events.idsByDescription().get("T2");
        Epochs epochs = Epoching.extract(motor, events, 0, 4, false, null, null, Set.of(t1, t2));
        return (FeatureVectors) block(WaveletTransform.class, Map.of("Features", "LOG_ENERGY", "Levels", "4",
                "First Level", "2"), "Epochs", epochs, "FeatureVector");
    }

    private static FeatureVectors run(String name) {
        EegData raw = EdfReader.read(EegTestData.file("edf-eegmmidb/" + name));
        Events events = EventMapping.fromAnnotations(raw);
        EegData filtered = FirFilter.filter(raw, 8.0, 30.0);
        int t1 = events.idsByDescription().get("T1");
        int t2 = events.idsByDescription().get("T2");
        Epochs epochs = Epoching.extract(filtered, events, 0, 4, false, null, null, Set.of(t1, t2));
        return HaarWavelet.features(epochs, false);
    }

    private static FeatureVectors concatenate(FeatureVectors a, FeatureVectors b) {
        assertEquals(a.classNames(), b.classNames());
        int n = a.count() + b.count();
        double[][] x = new double[n][];
        int[] events = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            FeatureVectors from = i < a.count() ? a : b;
            int k = i < a.count() ? i : i - a.count();
            x[i] = from.features()[k];
            events[i] = from.eventIds()[k];
            labels[i] = from.labels()[k];
        }
        return new FeatureVectors(x, events, labels, a.classNames());
    }

    /**
     * The feature variant: per channel, the log of the mean square of its DWT coefficients (its share of the epoch's
     * power in the pass band, as the vector is normalised), so the classifier sees where the mu/beta power is, not
     * the waveform.
     */
    private static FeatureVectors logMeanSquarePerChannel(FeatureVectors wavelet, int channels) {
        int perChannel = wavelet.width() / channels;
        double[][] x = new double[wavelet.count()][channels];
        for (int i = 0; i < wavelet.count(); i++) {
            double[] row = wavelet.features()[i];
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int j = c * perChannel; j < (c + 1) * perChannel; j++) {
                    sum += row[j] * row[j];
                }
                x[i][c] = Math.log(sum / perChannel);
            }
        }
        return new FeatureVectors(x, wavelet.eventIds(), wavelet.labels(), wavelet.classNames());
    }

    /** Accuracy and sd over every fold of every seed, chance level: what the confusion tables report. */
    private record Result(double mean, double sd, double chance, double seed1Mean, double seed1Sd) {
        String text() {
            return String.format(Locale.ROOT, "%.3f ± %.3f over %d x 5 folds (seed 1 alone: %.3f ± %.3f); chance"
                    + " %.3f", mean, sd, SEEDS, seed1Mean, seed1Sd, chance);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Population sd, as the blocks report it. */
    private static double sd(List<Double> values) {
        double mean = mean(values);
        return Math.sqrt(values.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / values.size());
    }

    /** Runs a block with 5 folds for each seed and pools its fold accuracies. */
    private static Result crossValidate(Class<?> block, Map<String, String> properties, FeatureVectors data) {
        List<Double> accuracies = new ArrayList<>();
        double chance = Double.NaN;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Map<String, String> values = new java.util.HashMap<>(properties);
            values.put("Folds", "5");
            values.put("Seed", Integer.toString(seed));
            List<String> log = new ArrayList<>();
            BlockContext context = new BlockContext() {
                @Override
                public Path workingDirectory() {
                    return QUIET.workingDirectory();
                }

                @Override
                public void log(String line) {
                    log.add(line);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            BlockInvoker.Outcome outcome = BlockInvoker.invoke(BlockIntrospector.describe(MODULE, block), values,
                    Map.of("FeatureVector", List.of(data)), context);
            Table table = (Table) outcome.shown();
            long tested = 0;
            for (int r = 0; r < 2; r++) {
                tested += (Long) table.rows().get(r).get(1) + (Long) table.rows().get(r).get(2);
            }
            assertEquals(data.count(), tested, "every epoch is tested once per seed");
            chance = (Double) table.rows().get(4).get(1);
            String folds = log.stream().filter(l -> l.startsWith("accuracy per fold: ")).findFirst().orElseThrow();
            for (String a : folds.substring("accuracy per fold: ".length()).split(", ")) {
                accuracies.add(Double.parseDouble(a));
            }
        }
        List<Double> seed1 = accuracies.subList(0, 5);
        return new Result(mean(accuracies), sd(accuracies), chance, mean(seed1), sd(seed1));
    }

    private static Map<String, Result> classifyAll(FeatureVectors data) {
        Map<String, Result> results = new java.util.LinkedHashMap<>();
        results.put("logistic regression", crossValidate(LinearClassifier.class,
                Map.of("Algorithm", "LOGISTIC_REGRESSION"), data));
        results.put("linear SVM", crossValidate(LinearClassifier.class, Map.of("Algorithm", "LINEAR_SVM"), data));
        // no hidden layer; a larger step and smaller batches than Keras's defaults, as 24 training epochs would
        // otherwise make a single step per pass
        results.put("softmax network", crossValidate(NeuralNetworkClassifier.class,
                Map.of("Learning Rate", "0.01", "Batch Size", "8", "Number of Epochs", "100"), data));
        return results;
    }

    @Test
    void thirtyEpochsOfTwoClassesWithWaveletFeatures() {
        assertEquals(List.of("T1", "T2"), waveletFeatures.classNames());
        assertEquals(30, waveletFeatures.count());
        // 4 s at 160 Hz, both ends included: 641 samples, 321 approximation coefficients per channel
        assertEquals(CHANNELS * 321, waveletFeatures.width());
        int t1 = 0;
        for (int label : waveletFeatures.labels()) {
            t1 += label == 0 ? 1 : 0;
        }
        assertEquals(16, t1);
    }

    @Test
    void waveletCoefficientsThemselvesAreNearChance() {
        Map<String, Result> results = classifyAll(waveletFeatures);
        results.forEach((name, r) -> System.out.println("PhysioNet S001 R03+R04, 8-30 Hz, DWT approximation, "
                + name + ": " + r.text()));
        for (Result r : results.values()) {
            assertTrue(r.mean() >= 0 && r.mean() <= 1);
        }
    }

    @Test
    void logBandPowerPerChannelBeatsChance() {
        Map<String, Result> results = classifyAll(logPower);
        results.forEach((name, r) -> System.out.println("PhysioNet S001 R03+R04, 8-30 Hz, log DWT power per channel, "
                + name + ": " + r.text()));
        results.forEach((name, r) -> assertTrue(r.mean() >= r.chance() + 0.05, name + ": " + r.text()));
    }

    @Test
    void motorBandPowerAfterAverageReferenceIsWellAboveChance() {
        assertEquals(6, motorBandPower.width());
        assertEquals(waveletFeatures.labels().length, motorBandPower.count());
        Map<String, Result> results = classifyAll(motorBandPower);
        results.forEach((name, r) -> System.out.println("PhysioNet S001 R03+R04, average reference, C3/C4, log"
                + " DWT energy D2-D4, " + name + ": " + r.text()));
        results.forEach((name, r) -> assertTrue(r.mean() >= r.chance() + 0.10, name + ": " + r.text()));
    }
}
