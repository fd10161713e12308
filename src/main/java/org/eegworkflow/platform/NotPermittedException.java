package org.eegworkflow.platform;

/** The caller is known but may not do this, or the credentials given are wrong (HTTP 403). */
public final class NotPermittedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public NotPermittedException(String message) {
        super(message);
    }
}
