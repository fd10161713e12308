package org.eegworkflow.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Open: the hand-written OpenAPI 3 document of this API ({@code openapi.yaml} on the classpath), read once. */
@Path("openapi.yaml")
@ApplicationScoped
public class OpenApiResource {

    static final String RESOURCE = "openapi.yaml";
    static final String YAML = "application/yaml";

    private static final class Document {
        static final byte[] BYTES = read();
    }

    @GET
    @Produces(YAML)
    public byte[] document() {
        return Document.BYTES;
    }

    static byte[] read() {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
