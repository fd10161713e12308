package org.eegworkflow.files.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.AuthenticatedUser;
import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.files.control.UserFiles;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Times;

/** The caller's data files: list, upload (several at once, into a folder), download, delete. */
@Path("files")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class FilesResource {

    @Inject
    UserFiles files;

    @GET
    public JsonArray list(@Context SecurityContext security) {
        return json(files.list(AuthenticatedUser.of(security).id()));
    }

    /** Multipart: one or more parts named {@code file}, each with its file name, and an optional {@code folder}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts, @Context SecurityContext security) throws IOException {
        String folder = null;
        List<UserFiles.Incoming> incoming = new ArrayList<>();
        List<InputStream> streams = new ArrayList<>();
        try {
            for (EntityPart part : parts) {
                if ("folder".equals(part.getName())) {
                    folder = part.getContent(String.class);
                }
            }
            for (EntityPart part : parts) {
                if ("file".equals(part.getName())) {
                    InputStream content = part.getContent();
                    streams.add(content);
                    incoming.add(new UserFiles.Incoming(folder, part.getFileName().orElse(null), content));
                }
            }
            JsonArray stored = json(files.store(AuthenticatedUser.of(security).id(), incoming));
            return Response.status(Response.Status.CREATED).entity(stored).build();
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
    }

    @GET
    @Path("{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("path") String path, @Context SecurityContext security) {
        java.nio.file.Path file = files.file(AuthenticatedUser.of(security).id(), path);
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"").build();
    }

    @DELETE
    @Path("{path: .+}")
    public void delete(@PathParam("path") String path, @Context SecurityContext security) {
        files.delete(AuthenticatedUser.of(security).id(), path);
    }

    private static JsonArray json(List<UserFiles.StoredFile> stored) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        stored.forEach(file -> list.add(Json.createObjectBuilder().add("path", file.path()).add("size", file.size())
                .add("modified", Times.format(file.modified()))));
        return list.build();
    }
}
