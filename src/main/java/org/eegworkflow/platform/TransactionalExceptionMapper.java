package org.eegworkflow.platform;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} method whose commit failed (the database went away during it): as {@link ThrowableMapper}
 * answers. Needed on its own because Jersey (Payara) brings a mapper for this very type, which rethrows the
 * exception and so ends in the servlet container's HTML error page instead of the API's JSON.
 */
@Provider
@Priority(1)
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {
    @Override
    public Response toResponse(TransactionalException e) {
        return ThrowableMapper.internalError(e);
    }
}
