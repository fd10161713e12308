package org.eegworkflow.eeg.blocks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.eeg.classify.Activation;
import org.eegworkflow.eeg.classify.ClassifierModel;
import org.eegworkflow.eeg.classify.DenseNetwork;
import org.eegworkflow.eeg.classify.LayerSpec;
import org.eegworkflow.eeg.classify.NetworkSpec;
import org.eegworkflow.eeg.classify.TribuoLinear;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.FileOutput;
import org.eegworkflow.sdk.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationBlocksTest {
    private static final String MODULE = "EEG_Basil.zip:EEG_Basil";

    @TempDir
    Path work;
    @TempDir
    Path dataFiles;
    private final List<String> log = new ArrayList<>();
    private final List<Double> progress = new ArrayList<>();
    private BlockContext context;

    @BeforeEach
    void context() {
        context = new BlockContext() {
            @Override
            public Path workingDirectory() {
                return work;
            }

            @Override
            public void log(String line) {
                log.add(line);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }
        };
    }

    private static BlockSpec spec(Class<?> type) {
        return BlockIntrospector.describe(MODULE, type);
    }

    private BlockInvoker.Outcome run(Class<?> type, Map<String, String> properties, Map<String, List<Object>> inputs) {
        return BlockInvoker.invoke(spec(type), properties, inputs, context, dataFiles);
    }

    private String failure(Class<?> type, Map<String, String> properties, Map<String, List<Object>> inputs) {
        return assertThrows(BlockFailedException.class, () -> run(type, properties, inputs)).getMessage();
    }

    /** Two Gaussian blobs in 6 features, in volts-like units, 24 vectors per class, classes T1 and T2. */
    private static FeatureVectors blobs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 48;
        double[][] x = new double[n][6];
        int[] labels = new int[n];
        int[] events = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            events[i] = 2 + labels[i];
            for (int j = 0; j < 6; j++) {
                double u = 1 - random.nextDouble();
                double gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
                x[i][j] = ((j < 3 ? labels[i] : 1 - labels[i]) * 3 + gaussian) * 1e-5;
            }
        }
        return new FeatureVectors(x, events, labels, List.of("T1", "T2"));
    }

    /**
     * Across subjects: three subjects' vectors gathered by GroupFeatures (one collection element each) keep their
     * subject; LinearClassifier then evaluates leaving one subject out: three folds, each subject tested by a model
     * trained on the other two, every vector tested once; the vectors' codec keeps the subjects.
     */
    @Test
    void gatheredVectorsAreEvaluatedLeavingOneSubjectOut() throws Exception {
        org.eegworkflow.sdk.Elements.Builder<FeatureVectors> study = org.eegworkflow.sdk.Elements.builder();
        for (int s = 1; s <= 3; s++) {
            study.add("sub-0" + s + "_task-mi", Map.of("subject", "0" + s, "task", "mi"), blobs(s));
        }
        GroupFeatures gather = new GroupFeatures();
        gather.vectors = study.build();
        assertEquals("144 vectors of 6 features from 3 subjects, classes T1, T2", gather.execute());
        FeatureVectors all = gather.output;
        assertEquals(List.of("01", "02", "03"), all.groups().stream().distinct().toList());

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        new FeatureVectorCodec().write(all, new java.io.DataOutputStream(bytes));
        FeatureVectors back = (FeatureVectors) new FeatureVectorCodec().read(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(all.groups(), back.groups());

        run(LinearClassifier.class, Map.of("Folds", "5"), Map.of("FeatureVector", List.of(all)));
        String loso = log.stream().filter(l -> l.startsWith("leave one subject out")).findFirst().orElseThrow(
                () -> new AssertionError(log.toString()));
        assertTrue(loso.matches("leave one subject out, accuracy of each subject tested by a model trained on the"
                + " others: 01 [01]\\.\\d{3}, 02 [01]\\.\\d{3}, 03 [01]\\.\\d{3}"), loso);
    }

    @Test
    void everyBlockIsAValidSdkBlock() {
        for (Class<?> type : List.of(NeuralNetworkLayer.class, NeuralNetworkClassifier.class, LinearClassifier.class,
                SaveModel.class, Predict.class)) {
            BlockSpec spec = spec(type);
            assertEquals("Classification", spec.family(), type.getName());
        }
        assertEquals(List.of("Number of Units", "Activation Function"),
                spec(NeuralNetworkLayer.class).properties().stream().map(p -> p.name()).toList());
        assertTrue(spec(NeuralNetworkClassifier.class).properties().stream().map(p -> p.name()).toList()
                .containsAll(List.of("Optimizer", "Test Size", "Number of Epochs", "Number of Classes")));
    }

    @Test
    void layersChainIntoANetworkSpec() {
        Object first = run(NeuralNetworkLayer.class, Map.of("Number of Units", "16"), Map.of()).outputs()
                .get("Model");
        BlockInvoker.Outcome second = run(NeuralNetworkLayer.class,
                Map.of("Number of Units", "8", "Activation Function", "leaky-relu"), Map.of("Model", List.of(first)));
        assertEquals(NetworkSpec.of(List.of(new LayerSpec(16, Activation.RELU),
                new LayerSpec(8, Activation.LEAKY_RELU))), second.outputs().get("Model"));
        assertEquals("network: 16 relu -> 8 leaky-relu", second.display());
    }

    @Test
    void layerErrorsNameTheProperty() {
        assertEquals("property 'Number of Units' is missing or 0: give a whole number from 1 to 100000",
                failure(NeuralNetworkLayer.class, Map.of(), Map.of()));
        assertEquals("property 'Activation Function': activation function 'tanh' is unknown: use one of sigmoid,"
                        + " relu, softmax, elu, leaky-relu, selu, gelu",
                failure(NeuralNetworkLayer.class, Map.of("Number of Units", "4", "Activation Function", "tanh"),
                        Map.of()));
        DenseNetwork trained = (DenseNetwork) run(NeuralNetworkClassifier.class, Map.of("Number of Epochs", "2"),
                Map.of("FeatureVector", List.of(blobs(1)))).outputs().get("Model");
        assertTrue(failure(NeuralNetworkLayer.class, Map.of("Number of Units", "4"),
                Map.of("Model", List.of(trained))).startsWith("input 'Model' carries a trained model"));
    }

    @Test
    void theNetworkClassifierReportsHeldOutAccuracyAndOutputsTheFinalNetwork() {
        Object layer = run(NeuralNetworkLayer.class, Map.of("Number of Units", "8"), Map.of()).outputs().get("Model");
        FeatureVectors data = blobs(2);
        BlockInvoker.Outcome outcome = run(NeuralNetworkClassifier.class,
                Map.of("Number of Epochs", "80", "Learning Rate", "0.01"),
                Map.of("Model", List.of(layer), "FeatureVector", List.of(data)));
        Table table = assertInstanceOf(Table.class, outcome.shown());
        assertEquals(List.of("actual \\ predicted", "T1", "T2"), table.header());
        // round(0.33 * 24) = 8 test vectors per class
        long t1 = (Long) table.rows().get(0).get(1) + (Long) table.rows().get(0).get(2);
        assertEquals(8, t1);
        assertEquals("accuracy (held-out)", table.rows().get(2).get(0));
        assertTrue((Double) table.rows().get(2).get(1) > 0.9, table.rows().toString());
        assertEquals("chance level (majority class T1)", table.rows().get(3).get(0));
        assertEquals(0.5, table.rows().get(3).get(1));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("held-out accuracy ")), log.toString());
        DenseNetwork network = assertInstanceOf(DenseNetwork.class, outcome.outputs().get("Model"));
        assertEquals(List.of(new LayerSpec(8, Activation.RELU), new LayerSpec(2, Activation.SOFTMAX)),
                network.spec().layers());
        assertTrue(network.trainingSummary().contains("on 48 rows"), "the output network learns from every vector");
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
    }

    @Test
    void theNetworkClassifierCanCrossValidate() {
        BlockInvoker.Outcome outcome = run(NeuralNetworkClassifier.class,
                Map.of("Folds", "4", "Number of Epochs", "50", "Learning Rate", "0.01", "Optimizer", "rmsprop"),
                Map.of("FeatureVector", List.of(blobs(3))));
        Table table = (Table) outcome.shown();
        assertEquals("accuracy (mean over 4 folds)", table.rows().get(2).get(0));
        assertEquals("accuracy sd over folds", table.rows().get(3).get(0));
        long total = 0;
        for (int r = 0; r < 2; r++) {
            total += (Long) table.rows().get(r).get(1) + (Long) table.rows().get(r).get(2);
        }
        assertEquals(48, total, "every vector is tested once");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("accuracy per fold: ")), log.toString());
    }

    @Test
    void networkClassifierErrorsNameTheProperty() {
        Map<String, List<Object>> data = Map.of("FeatureVector", List.of(blobs(1)));
        assertEquals("property 'Number of Classes' is 3 but input 'FeatureVector' has 2 classes [T1, T2]: leave the"
                        + " property empty to take the number from the data, or check the event ids chosen for the"
                        + " epochs",
                failure(NeuralNetworkClassifier.class, Map.of("Number of Classes", "3"), data));
        assertTrue(failure(NeuralNetworkClassifier.class, Map.of("Folds", "1"), data)
                .startsWith("property 'Folds' is 1: use 0"));
        assertTrue(failure(NeuralNetworkClassifier.class, Map.of("Test Size", "1.5"), data)
                .startsWith("property 'Test Size' is 1.5"));
        assertTrue(failure(NeuralNetworkClassifier.class, Map.of("Number of Epochs", "0"), data)
                .startsWith("property 'Number of Epochs' is 0"));
        assertTrue(failure(NeuralNetworkClassifier.class, Map.of("Optimizer", "sgd"), data)
                .contains("must be one of [adam, adagrad, rmsprop]"));
        // the old value of a required property, equal to the data, is accepted
        run(NeuralNetworkClassifier.class, Map.of("Number of Classes", "2", "Number of Epochs", "1"), data);
    }

    @Test
    void theLinearClassifierCrossValidatesWithTribuo() {
        for (String algorithm : List.of("LOGISTIC_REGRESSION", "LINEAR_SVM")) {
            log.clear();
            BlockInvoker.Outcome outcome = run(LinearClassifier.class, Map.of("Algorithm", algorithm),
                    Map.of("FeatureVector", List.of(blobs(4))));
            Table table = (Table) outcome.shown();
            assertEquals("accuracy (mean over 5 folds)", table.rows().get(2).get(0));
            assertTrue((Double) table.rows().get(2).get(1) > 0.9, algorithm + " " + table.rows());
            TribuoLinear model = assertInstanceOf(TribuoLinear.class, outcome.outputs().get("Model"));
            assertEquals(algorithm, model.algorithm().name());
            assertTrue(log.get(log.size() - 2).startsWith("accuracy per fold: "), log.toString());
        }
        assertTrue(failure(LinearClassifier.class, Map.of("Folds", "60"), Map.of("FeatureVector", List.of(blobs(4))))
                .equals("property 'Folds' is 60 but input 'FeatureVector' has only 48 vectors: use at most 48"
                        + " folds"));
    }

    @Test
    void saveModelWritesAFileAndPassesTheModelOn() throws IOException {
        Object model = run(LinearClassifier.class, Map.of(), Map.of("FeatureVector", List.of(blobs(5)))).outputs()
                .get("Model");
        BlockInvoker.Outcome saved = run(SaveModel.class, Map.of("File name", "svm.model"),
                Map.of("Model", List.of(model)));
        FileOutput file = assertInstanceOf(FileOutput.class, saved.shown());
        assertEquals(work.resolve("svm.model"), file.file());
        assertSame(model, saved.outputs().get("Model"));
        ClassifierModel loaded = ClassifierModel.load(file.file());
        assertArrayEquals(((ClassifierModel) model).predict(blobs(6).features()), loaded.predict(blobs(6).features()));
        assertEquals("model.bin", spec(SaveModel.class).properties().get(0).defaultValue());
    }

    @Test
    void saveModelErrorsNameTheInputOrProperty() {
        Object model = run(LinearClassifier.class, Map.of("Folds", "2"), Map.of("FeatureVector", List.of(blobs(5))))
                .outputs().get("Model");
        assertTrue(failure(SaveModel.class, Map.of("File name", "../evil.bin"), Map.of("Model", List.of(model)))
                .startsWith("property 'File name' is '../evil.bin'"));
        assertTrue(failure(SaveModel.class, Map.of("File name", "a b.bin"), Map.of("Model", List.of(model)))
                .startsWith("property 'File name': file name 'a b.bin' is not allowed"));
        Object spec = run(NeuralNetworkLayer.class, Map.of("Number of Units", "3"), Map.of()).outputs().get("Model");
        assertEquals("input 'Model' carries an untrained network: 3 relu: train it first with NeuralNetworkClassifier"
                + " (or use LinearClassifier)", failure(SaveModel.class, Map.of(), Map.of("Model", List.of(spec))));
    }

    @Test
    void predictUsesAConnectedModelOrAnUploadedFile() throws IOException {
        FeatureVectors train = blobs(7);
        FeatureVectors test = blobs(8);
        Object model = run(NeuralNetworkClassifier.class, Map.of("Number of Epochs", "80", "Learning Rate", "0.01"),
                Map.of("FeatureVector", List.of(train))).outputs().get("Model");
        Table connected = (Table) run(Predict.class, Map.of(),
                Map.of("Model", List.of(model), "FeatureVector", List.of(test))).shown();
        assertEquals(List.of("index", "event id", "predicted class", "actual class", "correct"), connected.header());
        assertEquals(49, connected.rows().size());
        assertEquals(List.of(0, 2), connected.rows().get(0).subList(0, 2));
        List<Object> accuracy = connected.rows().get(48);
        assertEquals("accuracy", accuracy.get(0));
        assertTrue((Double) accuracy.get(4) > 0.9, accuracy.toString());

        Path saved = ((FileOutput) run(SaveModel.class, Map.of(), Map.of("Model", List.of(model))).shown()).file();
        Files.createDirectories(dataFiles.resolve("models"));
        Files.copy(saved, dataFiles.resolve("models/mine.bin"));
        Table fromFile = (Table) run(Predict.class, Map.of("Model File", "models/mine.bin"),
                Map.of("FeatureVector", List.of(test))).shown();
        assertEquals(connected.rows(), fromFile.rows());
    }

    @Test
    void predictWithoutKnownClassesShowsNoAccuracy() {
        Object model = run(LinearClassifier.class, Map.of(), Map.of("FeatureVector", List.of(blobs(9)))).outputs()
                .get("Model");
        FeatureVectors other = blobs(10);
        FeatureVectors unlabelled = new FeatureVectors(other.features(), other.eventIds(), new int[other.count()],
                List.of("?"));
        Table table = (Table) run(Predict.class, Map.of(),
                Map.of("Model", List.of(model), "FeatureVector", List.of(unlabelled))).shown();
        assertEquals(List.of("index", "event id", "predicted class"), table.header());
        assertEquals(48, table.rows().size());
        assertTrue(log.get(log.size() - 1).startsWith("no accuracy: the vectors' classes [?] are not the model's"));
    }

    @Test
    void predictErrorsNameThePropertyOrInput() throws IOException {
        Map<String, List<Object>> vectors = Map.of("FeatureVector", List.of(blobs(1)));
        Files.writeString(dataFiles.resolve("features.csv"), "1,2,3\n");
        assertEquals("property 'Model File': 'features.csv' is not a model saved by SaveModel: it does not start with"
                + " EEGWFMDL (the mark of a saved model)",
                failure(Predict.class, Map.of("Model File", "features.csv"), vectors));
        assertEquals("no model: connect a trained model to input 'Model', or choose a file saved by SaveModel in"
                + " property 'Model File'", failure(Predict.class, Map.of(), vectors));
        Object model = run(LinearClassifier.class, Map.of("Folds", "2"), vectors).outputs().get("Model");
        Map<String, List<Object>> both = Map.of("Model", List.of(model), "FeatureVector", List.of(blobs(1)));
        assertEquals("both property 'Model File' and input 'Model' are set: use one",
                failure(Predict.class, Map.of("Model File", "features.csv"), both));
        FeatureVectors narrow = new FeatureVectors(new double[][] {{1, 2}}, new int[] {2}, new int[] {0},
                List.of("T1"));
        assertTrue(failure(Predict.class, Map.of(), Map.of("Model", List.of(model), "FeatureVector",
                List.of(narrow))).startsWith("the model expects 6 features per vector but input 'FeatureVector'"
                + " has 2"));
    }

    @Test
    void modelCodecRoundTripsEveryKindOfModel() throws IOException {
        FeatureVectors data = blobs(11);
        Object spec = run(NeuralNetworkLayer.class, Map.of("Number of Units", "4", "Activation Function", "gelu"),
                Map.of()).outputs().get("Model");
        Object network = run(NeuralNetworkClassifier.class, Map.of("Number of Epochs", "3"),
                Map.of("Model", List.of(spec), "FeatureVector", List.of(data))).outputs().get("Model");
        Object linear = run(LinearClassifier.class, Map.of("Folds", "2"), Map.of("FeatureVector", List.of(data)))
                .outputs().get("Model");
        ModelCodec codec = new ModelCodec();
        assertEquals("Model", codec.type());
        assertEquals(spec, roundTrip(codec, spec));
        for (Object model : List.of(network, linear)) {
            ClassifierModel copy = (ClassifierModel) roundTrip(codec, model);
            assertArrayEquals(((ClassifierModel) model).predict(data.features()), copy.predict(data.features()));
        }
    }

    @Test
    void featureVectorCodecRoundTrips() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = new double[7][20545];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble() * 1e-5;
            }
        }
        FeatureVectors vectors = new FeatureVectors(x, new int[] {2, 3, 2, 3, 3, 2, 2}, new int[] {0, 1, 0, 1, 1, 0, 0},
                List.of("T1", "T2"));
        FeatureVectorCodec codec = new FeatureVectorCodec();
        assertEquals("FeatureVector", codec.type());
        FeatureVectors copy = (FeatureVectors) roundTrip(codec, vectors);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], copy.features()[i], 0);
        }
        assertArrayEquals(vectors.eventIds(), copy.eventIds());
        assertArrayEquals(vectors.labels(), copy.labels());
        assertEquals(vectors.classNames(), copy.classNames());
        FeatureVectors empty = new FeatureVectors(new double[0][], new int[0], new int[0], List.of());
        assertEquals(0, ((FeatureVectors) roundTrip(codec, empty)).count());
    }

    private static Object roundTrip(org.eegworkflow.sdk.ValueCodec codec, Object value) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        codec.write(value, out);
        out.flush();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
        Object copy = codec.read(in);
        assertEquals(-1, in.read(), "the codec reads exactly what it wrote");
        return copy;
    }
}
