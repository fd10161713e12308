package org.eegworkflow.auth.boundary;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * The old web client's job list and job details: the same JSON text, labelled {@code text/html; charset=UTF-8}. Only
 * successful answers to a request the authentication filter recognised as the old client's; errors keep their JSON.
 */
@OldClientText
@Provider
public class OldClientTextFilter implements ContainerResponseFilter {
    public static final MediaType TEXT_HTML_UTF8 = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (OldClient.is(request) && response.getStatus() == 200 && response.getEntity() instanceof JsonStructure json) {
            response.setEntity(json.toString(), response.getEntityAnnotations(), TEXT_HTML_UTF8);
        }
    }
}
