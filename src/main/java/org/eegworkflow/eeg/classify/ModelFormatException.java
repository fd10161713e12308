package org.eegworkflow.eeg.classify;

/** Bytes that are not a model as {@link ModelFormat} writes them: another file, a damaged one, a newer version. */
public class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
