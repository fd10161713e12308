package org.eegworkflow.platform;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the API's single error shape. */
public final class ErrorResponses {
    public static final String JSON_UTF8 = MediaType.APPLICATION_JSON + "; charset=UTF-8";

    private ErrorResponses() {
    }

    public static Response of(int status, String message) {
        return Response.status(status)
                .type(JSON_UTF8)
                .entity(Json.createObjectBuilder().add("error", message == null ? "" : message).build())
                .build();
    }
}
