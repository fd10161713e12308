package org.eegworkflow.eeg.classify;

/** The linear classifiers {@link TribuoLinear} trains. */
public enum LinearAlgorithm {
    /** Multinomial logistic regression: Tribuo's {@code LogMulticlass} objective. */
    LOGISTIC_REGRESSION("logistic regression"),
    /** A linear support vector machine: Tribuo's {@code Hinge} objective (one margin per class). */
    LINEAR_SVM("linear SVM");

    private final String title;

    LinearAlgorithm(String title) {
        this.title = title;
    }

    /** For example {@code "linear SVM"}. */
    public String title() {
        return title;
    }
}
