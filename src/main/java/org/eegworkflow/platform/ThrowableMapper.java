package org.eegworkflow.platform;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Anything else: a database that cannot be reached is a JSON 503 (the client may try again; each stack wraps that
 * failure in its own exception types, so this catch-all mapper is where they all arrive); the rest is a bug, and the
 * client gets a JSON 500 with a reference, never a stack trace; the log gets the trace under the same reference.
 */
@Provider
public class ThrowableMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ThrowableMapper.class.getName());
    /** During an outage every request fails alike: one warning per interval is enough. */
    private static final long WARN_INTERVAL_MILLIS = 10_000;
    private static final java.util.concurrent.atomic.AtomicLong LAST_WARNING = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public Response toResponse(Throwable e) {
        return internalError(e);
    }

    static Response internalError(Throwable e) {
        if (DatabaseFailures.isUnavailable(e)) {
            long now = System.currentTimeMillis();
            long last = LAST_WARNING.get();
            if (now - last > WARN_INTERVAL_MILLIS && LAST_WARNING.compareAndSet(last, now)) {
                LOG.warning("database unavailable, answering 503: " + e);
            }
            LOG.log(Level.FINE, "database unavailable", e);
            return unavailable();
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Internal error " + reference, e);
        return ErrorResponses.of(500, "internal server error (reference " + reference + ")");
    }

    static Response unavailable() {
        return Response.fromResponse(ErrorResponses.of(503, DatabaseFailures.UNAVAILABLE))
                .header("Retry-After", DatabaseFailures.RETRY_AFTER_SECONDS).build();
    }
}
