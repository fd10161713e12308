package org.eegworkflow.files.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.files.control.UserFiles;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.FileDownloads;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.platform.MultipartReader;
import org.eegworkflow.platform.Times;
import org.eegworkflow.platform.Uploads;

/** The caller's data files: list, upload (several at once, into a folder), download, delete. */
@Path("files")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class FilesResource {
    private static final int MAX_FIELD_BYTES = 4096;

    @Inject
    UserFiles files;

    @GET
    public JsonArray list(@Context SecurityContext security) {
        return json(files.list(AuthenticatedUser.of(security)));
    }

    /**
     * Multipart: one or more parts named {@code file}, each with its file name, an optional {@code folder} and an
     * optional {@code unpack} ({@code true}: each {@code .zip} is unpacked into the folder), before or after them. Read from the request as it arrives, so that a file of any size passes through one small
     * buffer into the user's folder ({@link MultipartReader}; the REST runtime's own multipart readers would first
     * copy the whole body into temporary files).
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @Context SecurityContext security) throws IOException {
        MultipartReader form = MultipartReader.of(contentType, body);
        try (UserFiles.Upload upload = files.upload(AuthenticatedUser.of(security))) {
            try {
                for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                    if ("folder".equals(part.name())) {
                        upload.folder(part.text(MAX_FIELD_BYTES));
                    } else if ("unpack".equals(part.name())) {
                        upload.unpack(part.text(MAX_FIELD_BYTES));
                    } else if ("file".equals(part.name())) {
                        upload.add(part.fileName().orElse(null), part.content());
                    }
                }
            } catch (DomainException refused) {
                Uploads.discardRest(body);
                throw refused;
            }
            JsonArray stored = json(upload.commit());
            return Response.status(Response.Status.CREATED).entity(stored).build();
        }
    }

    @GET
    @Path("{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("path") String path, @Context SecurityContext security,
                             @Context HttpHeaders request) {
        java.nio.file.Path file = files.file(AuthenticatedUser.of(security), path);
        return FileDownloads.of(file, MediaType.APPLICATION_OCTET_STREAM, "attachment; filename=\""
                + file.getFileName() + "\"", request);
    }

    @DELETE
    @Path("{path: .+}")
    public void delete(@PathParam("path") String path, @Context SecurityContext security) {
        files.delete(AuthenticatedUser.of(security), path);
    }

    private static JsonArray json(List<UserFiles.StoredFile> stored) {
        JsonArrayBuilder list = Jsons.PROVIDER.createArrayBuilder();
        stored.forEach(file -> list.add(Jsons.PROVIDER.createObjectBuilder().add("path", file.path()).add("size", file.size())
                .add("modified", Times.format(file.modified()))));
        return list.build();
    }
}
