package org.eegworkflow.platform;

/**
 * A request the API refuses, with the status and the sentence a person reads. Thrown anywhere below the resources;
 * {@link ApiExceptionMapper} turns it into {@code {"error": "..."}} once.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Long retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    private ApiException(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Seconds the client should wait before trying again (a Retry-After header), or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
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

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, message, retryAfterSeconds);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
