package org.eegworkflow.eeg.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eegworkflow.eeg.data.FeatureVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFormatTest {
    @TempDir
    Path dir;

    private static byte[] bytes(Object value) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ModelFormat.write(value, new DataOutputStream(buffer));
        return buffer.toByteArray();
    }

    private static Object read(byte[] bytes) throws IOException {
        return ModelFormat.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static DenseNetwork network(FeatureVectors data) {
        NetworkSpec spec = NetworkSpec.empty().append(new LayerSpec(5, Activation.GELU))
                .append(new LayerSpec(3, Activation.LEAKY_RELU));
        return DenseNetwork.train(spec, data.features(), data.labels(), data.classNames(),
                new TrainingSettings(Optimizer.adam, 0.01, 20, 8, 2), TrainingMonitor.NONE);
    }

    @Test
    void aSavedNetworkLoadsWithTheSamePredictionsAndProbabilities() throws IOException {
        FeatureVectors data = Fixtures.blobs(3, 20, 5, 1.5, 1e-5, 4);
        DenseNetwork net = network(data);
        Path file = dir.resolve("net.bin");
        net.save(file);
        ClassifierModel loaded = ClassifierModel.load(file);
        DenseNetwork copy = assertInstanceOf(DenseNetwork.class, loaded);
        assertArrayEquals(net.predict(data.features()), copy.predict(data.features()));
        double[][] p = net.probabilities(data.features());
        double[][] q = copy.probabilities(data.features());
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(p[i], q[i], 0);
        }
        assertEquals(net.spec(), copy.spec());
        assertEquals(net.classNames(), copy.classNames());
        assertEquals(net.describe(), copy.describe());
        assertArrayEquals("EEGWFMDL".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Arrays.copyOf(Files.readAllBytes(file), 8));
    }

    @Test
    void aSavedTribuoModelLoadsWithTheSamePredictions() throws IOException {
        FeatureVectors data = Fixtures.blobs(3, 20, 5, 1.0, 1e-5, 5);
        for (LinearAlgorithm algorithm : LinearAlgorithm.values()) {
            TribuoLinear model = TribuoLinear.train(algorithm, data.features(), data.labels(), data.classNames(), 5,
                    1);
            Path file = dir.resolve(algorithm + ".bin");
            model.save(file);
            TribuoLinear copy = assertInstanceOf(TribuoLinear.class, ClassifierModel.load(file));
            assertArrayEquals(model.predict(data.features()), copy.predict(data.features()));
            assertEquals(algorithm, copy.algorithm());
            assertEquals(model.describe(), copy.describe());
        }
    }

    @Test
    void anUntrainedSpecRoundTripsButIsNotAClassifier() throws IOException {
        NetworkSpec spec = NetworkSpec.empty().append(new LayerSpec(64, Activation.RELU))
                .append(new LayerSpec(2, Activation.SOFTMAX));
        byte[] bytes = bytes(spec);
        assertEquals(spec, read(bytes));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ClassifierModel.read(new DataInputStream(new ByteArrayInputStream(bytes))));
        assertTrue(e.getMessage().contains("untrained network: 64 relu -> 2 softmax"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsRefusedClearly() throws IOException {
        Path csv = dir.resolve("features.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ClassifierModel.load(csv));
        assertEquals("'features.csv' is not a model saved by SaveModel: it does not start with EEGWFMDL (the mark"
                + " of a saved model)", e.getMessage());

        Path empty = dir.resolve("empty.bin");
        Files.write(empty, new byte[0]);
        e = assertThrows(ModelFormatException.class, () -> ClassifierModel.load(empty));
        assertTrue(e.getMessage().endsWith("it does not start with EEGWFMDL (the mark of a saved model)"),
                e.getMessage());
    }

    @Test
    void truncatedNewerOrDamagedModelsAreRefused() throws IOException {
        FeatureVectors data = Fixtures.blobs(2, 10, 4, 2, 1, 6);
        byte[] good = bytes(network(data));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> read(Arrays.copyOf(good, good.length - 10)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        byte[] newer = good.clone();
        newer[11] = 9;
        e = assertThrows(ModelFormatException.class, () -> read(newer));
        assertEquals("it is in model format version 9; this server reads versions 1 to 1", e.getMessage());

        byte[] kind = good.clone();
        kind[12] = 42;
        e = assertThrows(ModelFormatException.class, () -> read(kind));
        assertEquals("it holds a model of unknown kind 42", e.getMessage());

        byte[] huge = good.clone();
        // the layer count, just after the kind byte
        huge[13] = 0x7f;
        e = assertThrows(ModelFormatException.class, () -> read(huge));
        assertTrue(e.getMessage().contains("layers: the model is damaged"), e.getMessage());
    }

    @Test
    void aTribuoPartNamingAnotherClassIsRefused() throws IOException {
        // a Tribuo part with a foreign class name must not reach Tribuo's reflective deserialisation
        FeatureVectors data = Fixtures.blobs(2, 10, 3, 2, 1, 6);
        TribuoLinear model = TribuoLinear.train(LinearAlgorithm.LINEAR_SVM, data.features(), data.labels(),
                data.classNames(), 1, 1);
        org.tribuo.protos.core.ModelProto proto = model.tribuoModel().serialize().toBuilder()
                .setClassName("java.lang.Runtime").build();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        byte[] good = bytes(model);
        byte[] protoBytes = model.tribuoModel().serialize().toByteArray();
        out.write(good, 0, good.length - protoBytes.length - 4);
        byte[] forged = proto.toByteArray();
        out.writeInt(forged.length);
        out.write(forged);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(buffer.toByteArray()));
        assertTrue(e.getMessage().contains("holds a java.lang.Runtime"), e.getMessage());
    }

    @Test
    void arraysRoundTripInBulkAcrossBlockBoundaries() throws IOException {
        double[] doubles = new double[8192 * 2 + 3];
        int[] ints = new int[8192 + 1];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = Math.sin(i) * 1e-5;
        }
        for (int i = 0; i < ints.length; i++) {
            ints[i] = i * 31 - 7;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        ArrayIo.writeDoubles(out, doubles);
        ArrayIo.writeInts(out, ints);
        ArrayIo.writeDoubles(out, new double[0]);
        ArrayIo.writeStrings(out, List.of("T1", "ü", ""));
        // the same bytes DataOutput.writeDouble would give, element by element
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(plain);
        p.writeInt(doubles.length);
        for (double d : doubles) {
            p.writeDouble(d);
        }
        assertArrayEquals(plain.toByteArray(), Arrays.copyOf(buffer.toByteArray(), plain.size()));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
        assertArrayEquals(doubles, ArrayIo.readDoubles(in), 0);
        assertArrayEquals(ints, ArrayIo.readInts(in));
        assertEquals(0, ArrayIo.readDoubles(in).length);
        assertEquals(List.of("T1", "ü", ""), ArrayIo.readStrings(in));
    }
}
