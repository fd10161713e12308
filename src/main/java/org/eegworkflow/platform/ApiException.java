package org.eegworkflow.platform;

/**
 * The old way to refuse a request: an HTTP status chosen where it is thrown. Kept only until {@code job/} throws the
 * {@link DomainException} kinds like every other package (then delete it); {@link DomainExceptionMapper} maps it as
 * before. Do not use it in new code: throw the kind of refusal instead (badRequest is {@link InvalidInputException},
 * unauthorized {@link NotAuthenticatedException}, forbidden {@link NotPermittedException}, notFound
 * {@link NotFoundException}, conflict {@link ConflictException}, 413 {@link TooLargeException}, tooManyRequests
 * {@link TooManyAttemptsException}).
 */
public final class ApiException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Long retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    private ApiException(int status, String message, Long retryAfterSeconds) {
        super(message);
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

    /** As {@link DomainException#quote}. */
    public static String quote(String value) {
        return DomainException.quote(value);
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
}
