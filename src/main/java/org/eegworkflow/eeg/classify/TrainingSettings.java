package org.eegworkflow.eeg.classify;

import java.util.Objects;

/**
 * How a {@link DenseNetwork} is trained.
 *
 * @param optimizer    the update rule
 * @param learningRate the step size, Keras's default 0.001
 * @param epochs       passes over the training rows, at least 1
 * @param batchSize    rows per gradient step, Keras's default 32 (the last batch of an epoch may be smaller)
 * @param seed         seeds the weights and the order of rows: the same seed and data give the same network
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, int epochs, int batchSize, long seed) {
    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be positive, not " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("the number of epochs must be at least 1, not " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        }
    }

    /** Adam, learning rate 0.001, the given epochs, batches of 32, seed 1. */
    public static TrainingSettings defaults(int epochs) {
        return new TrainingSettings(Optimizer.adam, 0.001, epochs, 32, 1);
    }
}
