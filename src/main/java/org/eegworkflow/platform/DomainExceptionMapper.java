package org.eegworkflow.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The one place a refusal becomes HTTP: its kind is the status, its message the {@code {"error": "..."}}. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException e) {
        Response response = ErrorResponses.of(status(e), e.getMessage());
        if (e instanceof TooManyAttemptsException attempts) {
            response.getHeaders().putSingle("Retry-After", Long.toString(attempts.retryAfterSeconds()));
        }
        return response;
    }

    /** The status of each kind of refusal; the class is sealed, so a new kind fails here, in the tests. */
    static int status(DomainException e) {
        if (e instanceof InvalidInputException) {
            return 400;
        } else if (e instanceof NotAuthenticatedException) {
            return 401;
        } else if (e instanceof NotPermittedException) {
            return 403;
        } else if (e instanceof NotFoundException) {
            return 404;
        } else if (e instanceof ConflictException) {
            return 409;
        } else if (e instanceof TooLargeException) {
            return 413;
        } else if (e instanceof TooManyAttemptsException) {
            return 429;
        }
        throw new IllegalStateException("no HTTP status for " + e.getClass().getName(), e);
    }
}
