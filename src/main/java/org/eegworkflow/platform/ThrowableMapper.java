package org.eegworkflow.platform;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Anything else: a database that cannot be reached is a JSON 503 (the client may try again; each stack wraps that
 * failure in its own exception types, so this catch-all mapper is where they all arrive); the rest is a bug, and the
 * client gets a JSON 500 with a reference, never a stack trace; the log gets the trace under the same reference. The
 * one exception is a request body the REST runtime itself could not read: a 400.
 */
@Provider
public class ThrowableMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ThrowableMapper.class.getName());
    private static final String APP_PACKAGE = "org.eegworkflow.";
    /** Methods whose requests are meant to carry a body, even when a client sent none. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    @Context
    HttpHeaders headers;

    /** During an outage every request fails alike: one warning per interval is enough. */
    private static final long WARN_INTERVAL_MILLIS = 10_000;
    private static final java.util.concurrent.atomic.AtomicLong LAST_WARNING = new java.util.concurrent.atomic.AtomicLong();

    @Context
    Request request;

    @Override
    public Response toResponse(Throwable e) {
        if (formTooLarge(e)) {
            return ErrorResponses.of(413, "the form is larger than the server takes for a form of fields (64 MB);"
                    + " data files go to POST /api/files, module archives to POST /api/workflow/upload");
        }
        if (!DatabaseFailures.isUnavailable(e) && unreadableBody(e)) {
            LOG.log(Level.FINE, "unreadable request body", e);
            MediaType type = headers.getMediaType();
            return ErrorResponses.of(400, "the request body could not be read"
                    + (type == null ? "" : " as " + type.getType() + "/" + type.getSubtype())
                    + ": it is malformed or incomplete (for multipart/form-data: a boundary in the Content-Type,"
                    + " every part with a Content-Disposition header naming it, and the closing boundary)");
        }
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
        if (DatabaseFailures.isUnstorableText(e)) {
            LOG.log(Level.FINE, "text the database refused", e);
            return ErrorResponses.of(400, DatabaseFailures.UNSTORABLE_TEXT);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Internal error " + reference, e);
        return ErrorResponses.of(500, "internal server error (reference " + reference + ")");
    }

    /**
     * Whether the failure is the runtime's reading of a request body, before any of the application's code ran: a
     * request with a body (or one that should have had one), and no frame of this application anywhere in the exception's chain. Each runtime reports
     * a malformed body (multipart without a boundary, a part without headers, an over-long header line, an unknown
     * charset, a form parameter of a body that is no form) with its own exception types, often plain
     * {@code RuntimeException}, {@code IllegalStateException} or {@code IOException}, so the only vendor-neutral sign
     * is where it was thrown; anything thrown inside the application's code (the servlet filters every request passes
     * through aside) stays a 500.
     */
    private boolean unreadableBody(Throwable e) {
        if (headers == null) {
            return false;
        }
        boolean hasBody;
        try {
            hasBody = headers.getLength() > 0 || headers.getHeaderString("Transfer-Encoding") != null
                    || (request != null && BODY_METHODS.contains(request.getMethod()));
        } catch (RuntimeException outsideARequest) {
            return false;
        }
        if (!hasBody) {
            return false;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                // the app's servlet filters (charset, security headers) pass every request on: not the app's code
                if (frame.getClassName().startsWith(APP_PACKAGE) && !frame.getMethodName().equals("doFilter")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * RESTEasy's refusal of a multipart form over {@code dev.resteasy.entity.file.threshold} (web.xml), which it
     * copies whole before the resource runs (message RESTEASY005081, an IllegalStateException).
     */
    private static boolean formTooLarge(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && t.getMessage().contains("dev.resteasy.entity.file.threshold")) {
                return true;
            }
        }
        return false;
    }

    static Response unavailable() {
        return Response.fromResponse(ErrorResponses.of(503, DatabaseFailures.UNAVAILABLE))
                .header("Retry-After", DatabaseFailures.RETRY_AFTER_SECONDS).build();
    }
}
