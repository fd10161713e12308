package org.eegworkflow.platform;

/** What the client sent is malformed or breaks a rule: a missing or bad field, a workflow that does not validate, an archive that is not a module (HTTP 400). */
public final class InvalidInputException extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
