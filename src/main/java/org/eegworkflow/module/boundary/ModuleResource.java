package org.eegworkflow.module.boundary;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.AuthenticatedUser;
import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.module.control.ModuleService;
import org.eegworkflow.platform.ApiException;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Times;

/** Module upload (compat), and the list and deletion of modules. */
@Path("workflow")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class ModuleResource {

    @Inject
    ModuleService modules;

    /** Compat: multipart field {@code file} (the archive, with its file name) and optional {@code public} ({@code true}, {@code false}, or {@code on} as
     * a checkbox sends it). */
    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public JsonObject upload(@FormParam("file") EntityPart file, @FormParam("public") String isPublic,
                             @Context SecurityContext security) throws IOException {
        if (file == null || file.getFileName().isEmpty()) {
            throw ApiException.badRequest("file: required, the module archive (a .jar or .zip) with its file name");
        }
        Boolean shared = parsePublic(isPublic);
        try (InputStream content = file.getContent()) {
            ModuleService.Uploaded uploaded = modules.upload(AuthenticatedUser.of(security), content,
                    file.getFileName().get(), shared);
            return Json.createObjectBuilder().add("new_blocks_length", uploaded.blocks())
                    .add("module", uploaded.name()).add("version", uploaded.version()).build();
        }
    }

    @GET
    @Path("modules")
    public JsonArray list(@Context SecurityContext security) {
        AuthenticatedUser caller = AuthenticatedUser.of(security);
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (ModuleService.ModuleInfo info : modules.list(caller)) {
            JsonArrayBuilder versions = Json.createArrayBuilder();
            info.versions().forEach(v -> versions.add(Json.createObjectBuilder().add("version", v.getVersion())
                    .add("blocks", v.getBlockCount()).add("uploaded", Times.format(v.getCreatedAt()))));
            list.add(Json.createObjectBuilder()
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
        throw ApiException.badRequest("public: '" + value + "' is not true or false (or on)");
    }
}
