package org.eegworkflow.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The API's own refusals: their status and message, as they are. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        Response response = ErrorResponses.of(e.status(), e.getMessage());
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().putSingle("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response;
    }
}
