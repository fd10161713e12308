package org.eegworkflow.eeg.classify;

/**
 * How a dense network's weights follow their gradients, with Keras's defaults (epsilon 1e-7). The constants are in
 * lower case because they are the values the old system's {@code Optimizer} property took and the designer offers
 * an enum's constant names as they are.
 */
@SuppressWarnings("java:S115")
public enum Optimizer {
    /** Adam: beta1 0.9, beta2 0.999, bias-corrected step size as Keras computes it. */
    adam,
    /** Adagrad: squared gradients accumulated from 0.1. */
    adagrad,
    /** RMSprop: squared gradients averaged with rho 0.9. */
    rmsprop
}
