package org.eegworkflow.files.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.files.control.ElFinderVolume;
import org.eegworkflow.files.control.UserFiles;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.platform.MultipartReader;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.platform.Uploads;

/**
 * The elFinder connector (version 1 protocol) of the old web client's file browser, over the caller's own data
 * files: the commands that client sends (open, tree, file, upload, mkdir, rm, rename, paste), as GET query or as
 * urlencoded or multipart POST. Uploads go through {@link UserFiles#upload}, with its checks and size limit, and every
 * path through its confinement. The client calls {@code /elfinder/connector}, outside the API;
 * {@link ElFinderForward} hands those requests to this resource.
 */
@Path("elfinder/connector")
@Secured
@RequestScoped
@Produces(ErrorResponses.JSON_UTF8)
public class ElFinderConnector {
    /** What elFinder 2 could offer but this connector does not do: the client greys these out. */
    private static final int MAX_FIELD_BYTES = 4096;
    private static final List<String> DISABLED = List.of("archive", "extract", "resize", "duplicate", "mkfile",
            "edit", "netmount", "search", "zipdl");

    @Inject
    ElFinderVolume volume;

    @Inject
    UserFiles files;

    @Inject
    Settings settings;

    @GET
    public Response query(@Context UriInfo uri, @Context SecurityContext security) throws IOException {
        return run(uri.getQueryParameters(), null, security);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(MultivaluedMap<String, String> form, @Context SecurityContext security)
            throws IOException {
        return run(form, null, security);
    }

    /**
     * The upload form (and any other command sent as multipart). Read as it arrives ({@link MultipartReader}), as
     * {@code /api/files} reads it: each {@code upload[]} file streams into the user's folder through one buffer,
     * refused as soon as it passes the limit, and the whole upload is stored or nothing.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response multipart(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                              @Context SecurityContext security) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        MultipartReader form = MultipartReader.of(contentType, body);
        try (UserFiles.Upload upload = files.upload(AuthenticatedUser.of(security))) {
            boolean received = false;
            try {
                for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                    if ("upload[]".equals(part.name()) && part.fileName().isPresent()) {
                        upload.add(part.fileName().get(), part.content());
                        received = true;
                    } else {
                        fields.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(part.text(MAX_FIELD_BYTES));
                    }
                }
            } catch (DomainException refused) {
                Uploads.discardRest(body);
                throw refused;
            }
            return run(fields, received ? upload : null, security);
        }
    }

    /** @param uploads the files of a multipart upload, received but not yet stored; null when none came */
    private Response run(Map<String, List<String>> fields, UserFiles.Upload uploads, SecurityContext security)
            throws IOException {
        AuthenticatedUser caller = AuthenticatedUser.of(security);
        String cmd = first(fields, "cmd");
        if (cmd == null || cmd.isBlank()) {
            cmd = "open";
        }
        switch (cmd) {
            case "open":
                if (first(fields, "current") != null) {
                    // the version 1 transport asks for a file's bytes as open with the folder it is in
                    return download(caller, ElFinderVolume.relative(first(fields, "target"), "target"));
                }
                return open(caller, fields);
            case "file":
                return download(caller, ElFinderVolume.relative(first(fields, "target"), "target"));
            case "tree":
                return Response.ok(Jsons.PROVIDER.createObjectBuilder().add("tree", volume.tree(caller)).build()).build();
            case "mkdir": {
                String folder = folder(fields);
                String made = volume.mkdir(caller, folder, first(fields, "name"));
                return ok(volume.content(caller, folder, true), List.of(made));
            }
            case "rename": {
                String target = ElFinderVolume.relative(first(fields, "target"), "target");
                String renamed = volume.rename(caller, target, first(fields, "name"));
                String parent = renamed.contains("/") ? renamed.substring(0, renamed.lastIndexOf('/')) : "";
                return ok(volume.content(caller, parent, true), List.of(renamed));
            }
            case "rm": {
                String folder = folder(fields);
                for (String target : targets(fields)) {
                    volume.remove(caller, target);
                }
                return ok(volume.content(caller, folder, true), List.of());
            }
            case "paste": {
                String destination = ElFinderVolume.relative(first(fields, "dst"), "dst");
                volume.paste(caller, targets(fields), destination, "1".equals(first(fields, "cut")));
                String current = first(fields, "current");
                String shown = current == null ? destination : ElFinderVolume.relative(current, "current");
                return ok(volume.content(caller, shown, true), List.of());
            }
            case "upload":
                return upload(caller, folder(fields), uploads);
            case "ping":
                return Response.ok(Jsons.PROVIDER.createObjectBuilder().build()).build();
            default:
                throw new InvalidInputException("cmd: " + DomainException.quote(cmd) + " is not a command of this"
                        + " connector (open, tree, file, upload, mkdir, rm, rename, paste)");
        }
    }

    private Response open(AuthenticatedUser caller, Map<String, List<String>> fields) {
        String target = first(fields, "target");
        String folder = target == null || target.isBlank() ? "" : ElFinderVolume.relative(target, "target");
        JsonObjectBuilder answer = volume.content(caller, folder, first(fields, "tree") != null);
        if (first(fields, "init") != null) {
            JsonArrayBuilder disabled = Jsons.PROVIDER.createArrayBuilder();
            DISABLED.forEach(disabled::add);
            answer.add("disabled", disabled).add("params", Jsons.PROVIDER.createObjectBuilder()
                    .add("dotFiles", false)
                    .add("uplMaxSize", maxUploadMegabytes() + "M")
                    .add("archives", Jsons.PROVIDER.createArrayBuilder())
                    .add("extract", Jsons.PROVIDER.createArrayBuilder())
                    .add("url", ""));
        }
        return Response.ok(answer.build()).build();
    }

    private Response upload(AuthenticatedUser caller, String folder, UserFiles.Upload uploads) {
        if (uploads == null) {
            throw new InvalidInputException("upload[]: required, one or more files");
        }
        uploads.folder(folder);
        List<String> stored = new ArrayList<>();
        uploads.commit().forEach(file -> stored.add(file.path()));
        return ok(volume.content(caller, folder, false), stored);
    }

    private Response download(AuthenticatedUser caller, String relative) {
        java.nio.file.Path file = volume.file(caller, relative);
        String name = file.getFileName().toString();
        return Response.ok(file.toFile(), ElFinderVolume.mime(name))
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"").build();
    }

    private static Response ok(JsonObjectBuilder content, List<String> selected) {
        JsonArrayBuilder select = Jsons.PROVIDER.createArrayBuilder();
        selected.forEach(path -> select.add(ElFinderVolume.hash(path)));
        return Response.ok(content.add("select", select).build()).build();
    }

    /** The folder a command works in: {@code current} in the version 1 protocol, {@code target} in later ones. */
    private static String folder(Map<String, List<String>> fields) {
        String current = first(fields, "current");
        if (current != null) {
            return ElFinderVolume.relative(current, "current");
        }
        String target = first(fields, "target");
        return target == null || target.isBlank() ? "" : ElFinderVolume.relative(target, "target");
    }

    private static List<String> targets(Map<String, List<String>> fields) {
        List<String> hashes = fields.getOrDefault("targets[]", fields.getOrDefault("targets", List.of()));
        if (hashes.isEmpty()) {
            throw new InvalidInputException("targets[]: required, the files to work on");
        }
        List<String> targets = new ArrayList<>();
        for (String hash : hashes) {
            targets.add(ElFinderVolume.relative(hash, "targets[]"));
        }
        return targets;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The same limit, and the same default, as {@link UserFiles#store} applies: setting {@code files.max.mb}. */
    private long maxUploadMegabytes() {
        return (long) settings.value("files.max.mb", 2048);
    }
}
