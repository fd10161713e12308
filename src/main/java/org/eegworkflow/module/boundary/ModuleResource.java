package org.eegworkflow.module.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.module.control.ModuleService;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.platform.MultipartReader;
import org.eegworkflow.platform.Times;
import org.eegworkflow.platform.Uploads;

/** Module upload (compat), and the list and deletion of modules. */
@Path("workflow")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class ModuleResource {

    @Inject
    ModuleService modules;

    /**
     * Compat: multipart field {@code file} (the archive, with its file name) and optional {@code public} ({@code true},
     * {@code false}, or {@code on} as a checkbox sends it), before or after it. The form is read as it arrives
     * ({@link MultipartReader}): the archive goes from the request into the module folder through one buffer, refused
     * as soon as it passes the limit.
     */
    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public JsonObject upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                             @Context SecurityContext security) throws IOException {
        MultipartReader form = MultipartReader.of(contentType, body);
        Fields fields = new Fields(form);
        try {
            for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                if ("file".equals(part.name())) {
                    if (part.fileName().isEmpty()) {
                        break;
                    }
                    ModuleService.Uploaded uploaded = modules.upload(AuthenticatedUser.of(security), part.content(),
                            part.fileName().get(), fields::readRest);
                    return Jsons.PROVIDER.createObjectBuilder().add("new_blocks_length", uploaded.blocks())
                            .add("module", uploaded.name()).add("version", uploaded.version()).build();
                }
                fields.take(part);
            }
            throw new InvalidInputException("file: required, the module archive (a .jar or .zip) with its file name");
        } catch (DomainException refused) {
            Uploads.discardRest(body);
            throw refused;
        }
    }

    /** The form's fields other than the archive: those before it, and, once it is read, those after it. */
    private static final class Fields {
        private final MultipartReader form;
        private Boolean shared;

        Fields(MultipartReader form) {
            this.form = form;
        }

        void take(MultipartReader.Part part) throws IOException {
            if ("public".equals(part.name())) {
                shared = parsePublic(part.text(64));
            }
        }

        Boolean readRest() {
            try {
                for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                    take(part);
                }
                return shared;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the rest of the upload", e);
            }
        }
    }

    @GET
    @Path("modules")
    public JsonArray list(@Context SecurityContext security) {
        AuthenticatedUser caller = AuthenticatedUser.of(security);
        JsonArrayBuilder list = Jsons.PROVIDER.createArrayBuilder();
        for (ModuleService.ModuleInfo info : modules.list(caller)) {
            JsonArrayBuilder versions = Jsons.PROVIDER.createArrayBuilder();
            info.versions().forEach(v -> versions.add(Jsons.PROVIDER.createObjectBuilder().add("version", v.getVersion())
                    .add("blocks", v.getBlockCount()).add("uploaded", Times.format(v.getCreatedAt()))));
            list.add(Jsons.PROVIDER.createObjectBuilder()
                    .add("name", info.module().getName())
                    .add("owner", info.ownerName())
                    .add("mine", info.module().getOwnerId() == caller.id())
                    .add("public", info.module().isPublic())
                    .add("versions", versions));
        }
        return list.build();
    }

    @DELETE
    @Path("modules/{name}")
    public void delete(@PathParam("name") String name, @Context SecurityContext security) {
        modules.delete(AuthenticatedUser.of(security), name);
    }

    private static Boolean parsePublic(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        if (value.equalsIgnoreCase("on")) {
            // what a checked HTML checkbox without a value sends: the old web client's "Make this Zip public"
            return Boolean.TRUE;
        }
        throw new InvalidInputException("public: '" + value + "' is not true or false (or on)");
    }
}
