package org.eegworkflow.platform;

/** The caller is not known: no token, or one that is unknown, expired or revoked (HTTP 401). */
public final class NotAuthenticatedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public NotAuthenticatedException(String message) {
        super(message);
    }
}
