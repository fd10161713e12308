package org.eegworkflow.module.control;

/** A module archive that a check or load refused; the message says what is wrong, for the uploader. */
public class InvalidModuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidModuleException(String message) {
        super(message);
    }

    public InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
