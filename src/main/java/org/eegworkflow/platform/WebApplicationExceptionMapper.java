package org.eegworkflow.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Refusals raised by the REST runtime itself (no such path, method not allowed, unsupported media type): the same
 * JSON shape, with a sentence that does not depend on which runtime raised it.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return ThrowableMapper.internalError(e);
        }
        return ErrorResponses.of(status, describe(status));
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "not logged in";
            case 403 -> "forbidden";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "cannot produce the requested media type; ask for application/json";
            case 415 -> "unsupported content type; send multipart/form-data or application/x-www-form-urlencoded";
            default -> Response.Status.fromStatusCode(status) == null
                    ? "request refused" : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }
}
