package org.eegworkflow.eeg.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained classifier (connector type {@code Model} once trained): it maps feature vectors to class indices into
 * {@link #classNames()}. Implementations: {@link DenseNetwork}, {@link TribuoLinear}.
 */
public interface ClassifierModel {

    /** The predicted class of each row, an index into {@link #classNames()}. */
    int[] predict(double[][] features);

    /** The classes it tells apart, in index order (as the training data's {@code FeatureVectors} named them). */
    List<String> classNames();

    /** How many features a row must have. */
    int featureCount();

    /** One line for a researcher, for example {@code "dense network 64 relu -> 2 softmax, 20544 features"}. */
    String describe();

    /** Writes this model in the {@link ModelFormat}, header included. */
    default void write(DataOutput out) throws IOException {
        ModelFormat.write(this, out);
    }

    /** Writes this model to a file in the {@link ModelFormat}. */
    default void save(Path file) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
            DataOutputStream out = new DataOutputStream(stream);
            write(out);
            out.flush();
        }
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @throws ModelFormatException when the bytes are not a trained model in the {@link ModelFormat}
     */
    static ClassifierModel read(DataInput in) throws IOException {
        Object value = ModelFormat.read(in);
        if (value instanceof ClassifierModel model) {
            return model;
        }
        throw new ModelFormatException("it holds an untrained " + value
                + ", not a trained model: train it with NeuralNetworkClassifier first");
    }

    /**
     * Reads a model saved by {@link #save} (or the {@code SaveModel} block).
     *
     * @throws ModelFormatException naming the file when it is not a saved model
     */
    static ClassifierModel load(Path file) throws IOException {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
            return read(new DataInputStream(stream));
        } catch (ModelFormatException e) {
            throw new ModelFormatException("'" + file.getFileName() + "' is not a model saved by SaveModel: "
                    + e.getMessage(), e);
        }
    }
}
