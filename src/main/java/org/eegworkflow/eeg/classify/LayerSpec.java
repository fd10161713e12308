package org.eegworkflow.eeg.classify;

import java.util.Objects;

/**
 * One dense (fully connected) layer of a network: how many units it has and how they respond.
 *
 * @param units      at least 1
 * @param activation the function applied to the layer's weighted sums
 */
public record LayerSpec(int units, Activation activation) {
    public LayerSpec {
        Objects.requireNonNull(activation, "activation");
        if (units < 1) {
            throw new IllegalArgumentException("a layer needs at least 1 unit, not " + units);
        }
    }

    @Override
    public String toString() {
        return units + " " + activation.externalName();
    }
}
