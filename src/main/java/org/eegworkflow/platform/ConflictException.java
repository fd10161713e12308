package org.eegworkflow.platform;

/** The request is well formed but clashes with the current state: a job that has ended, a module uploaded at the same moment (HTTP 409). */
public final class ConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
