package org.eegworkflow.platform;

/** The caller tried too often (failed logins): refused until the pause is over (HTTP 429 with Retry-After). */
public final class TooManyAttemptsException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public TooManyAttemptsException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds the client should wait before trying again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
