package org.eegworkflow.platform;

/** What the client sent is over a size limit of the server (HTTP 413). */
public final class TooLargeException extends DomainException {
    private static final long serialVersionUID = 1L;

    public TooLargeException(String message) {
        super(message);
    }
}
