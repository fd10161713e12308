package org.eegworkflow.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the API's single error shape. */
public final class ErrorResponses {
    public static final String JSON_UTF8 = MediaType.APPLICATION_JSON + "; charset=UTF-8";
    /** A sentence for a person: longer ones are cut, in case a message quotes a client's value whole. */
    static final int MAX_MESSAGE = 2_000;

    private ErrorResponses() {
    }

    public static Response of(int status, String message) {
        return Response.status(status)
                .type(JSON_UTF8)
                .entity(Jsons.PROVIDER.createObjectBuilder().add("error", shorten(message)).build())
                .build();
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
