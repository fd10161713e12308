package org.eegworkflow.auth.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Recognises the old EEG Workflow System's own web client, which this server keeps working unchanged. That client
 * sends its own {@code email} and {@code token} request headers on every call after login (no other client of this
 * API does), parses the job list and job details with {@code JSON.parse} on the response text, and only reacts to 400
 * and 403. It is recognised by those two headers alone, never by guessing from {@code Accept}, and only while the
 * setting {@code legacy.client} is on (the default).
 */
public final class OldClient {
    /** The request property the authentication filter sets on a request from the old client. */
    public static final String PROPERTY = "eegwf.oldClient";
    public static final String TOKEN_HEADER = "token";
    public static final String EMAIL_HEADER = "email";

    private OldClient() {
    }

    /** Whether headers like these come from the old client: it sends both, even when their values are missing. */
    public static boolean sentBy(String tokenHeader, String emailHeader) {
        return tokenHeader != null && emailHeader != null;
    }

    /**
     * The token the old client's {@code token} header carries, or null. The page copies it from a cookie it reads
     * with script; when there is none, jQuery sends the text {@code undefined} (or {@code null}), which is no token.
     */
    public static String token(String tokenHeader) {
        if (tokenHeader == null) {
            return null;
        }
        String value = tokenHeader.trim();
        if (value.isEmpty() || value.equals("undefined") || value.equals("null")) {
            return null;
        }
        return value;
    }

    /** Whether the authentication filter recognised this request as the old client's. */
    public static boolean is(ContainerRequestContext request) {
        return Boolean.TRUE.equals(request.getProperty(PROPERTY));
    }
}
