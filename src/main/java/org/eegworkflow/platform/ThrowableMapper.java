package org.eegworkflow.platform;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Anything else is a bug: the client gets a JSON 500 with a reference, never a stack trace; the log gets the trace
 * under the same reference.
 */
@Provider
public class ThrowableMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ThrowableMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        return internalError(e);
    }

    static Response internalError(Throwable e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Internal error " + reference, e);
        return ErrorResponses.of(500, "internal server error (reference " + reference + ")");
    }
}
