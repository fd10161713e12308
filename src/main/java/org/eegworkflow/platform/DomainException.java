package org.eegworkflow.platform;

/**
 * A request the application refuses, as control code says it: what kind of refusal (one subclass each) and the
 * sentence a person reads. Control code knows nothing of HTTP; {@link DomainExceptionMapper} alone turns the kind
 * into a status. No stack trace is taken: a refusal is an answer, not a bug, and some are thrown per request.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, NotAuthenticatedException, NotPermittedException, NotFoundException,
        ConflictException, TooLargeException, TooManyAttemptsException {
    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /**
     * A client's value as an error quotes it: whole when short, otherwise its start and its length, so that an error
     * about a multi-megabyte name names it without echoing it back.
     */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        int max = 80;
        if (value.length() <= max) {
            return "'" + value + "'";
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return "'" + value.substring(0, end) + "...' (" + value.length() + " characters)";
    }
}
