package org.eegworkflow.eeg.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a dense network before training: its layers in order, from the one that sees the features to the
 * last. The input width is not part of it; it comes from the data the network is trained on. Immutable: the
 * {@code NeuralNetworkLayer} block makes a new spec with one more layer.
 */
public final class NetworkSpec {
    private static final NetworkSpec EMPTY = new NetworkSpec(List.of());
    private final List<LayerSpec> layers;

    private NetworkSpec(List<LayerSpec> layers) {
        this.layers = List.copyOf(layers);
    }

    /** A network without layers yet: trained as is, it is a softmax (multinomial logistic) regression. */
    public static NetworkSpec empty() {
        return EMPTY;
    }

    public static NetworkSpec of(List<LayerSpec> layers) {
        return new NetworkSpec(layers);
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    /** This spec with one more layer at the end. */
    public NetworkSpec append(LayerSpec layer) {
        List<LayerSpec> more = new ArrayList<>(layers);
        more.add(layer);
        return new NetworkSpec(more);
    }

    /**
     * The spec a classifier of {@code classes} classes trains: this one if its last layer already is a softmax of
     * {@code classes} units, else this one with such a layer appended (softmax outputs are what categorical
     * cross-entropy needs).
     */
    public NetworkSpec withSoftmaxOutput(int classes) {
        if (!layers.isEmpty()) {
            LayerSpec last = layers.get(layers.size() - 1);
            if (last.activation() == Activation.SOFTMAX && last.units() == classes) {
                return this;
            }
        }
        return append(new LayerSpec(classes, Activation.SOFTMAX));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec other && layers.equals(other.layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    /** For example {@code "network: 64 relu -> 2 softmax"}. */
    @Override
    public String toString() {
        if (layers.isEmpty()) {
            return "network without layers";
        }
        return "network: " + String.join(" -> ", layers.stream().map(LayerSpec::toString).toList());
    }
}
