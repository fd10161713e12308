package org.eegworkflow.platform;

/** What the request names does not exist, or is not the caller's to see (HTTP 404). */
public final class NotFoundException extends DomainException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
