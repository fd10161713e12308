package org.eegworkflow.job.boundary;

import java.nio.file.Path;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.job.control.JobService;
import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.platform.FileDownloads;

/** Artefacts (compat): the PNG, CSV or file a block of the caller's job produced. */
@jakarta.ws.rs.Path("workflow/file")
@Secured
@RequestScoped
@Produces(MediaType.WILDCARD)
public class FileResource {

    @Inject
    JobService jobs;

    @GET
    @jakarta.ws.rs.Path("{jobId}/{filename}")
    public Response download(@PathParam("jobId") long jobId, @PathParam("filename") String filename,
                             @Context SecurityContext security, @Context HttpHeaders request) {
        Path file = jobs.file(jobId, AuthenticatedUser.of(security).id(), filename);
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String type = lower.endsWith(".png") ? "image/png"
                : lower.endsWith(".csv") ? "text/csv; charset=UTF-8" : MediaType.APPLICATION_OCTET_STREAM;
        // pictures may be shown inline; everything else is a download, never rendered as a page
        String disposition = lower.endsWith(".png") ? "inline" : "attachment";
        return FileDownloads.of(file, type, disposition + "; filename=\"" + name + "\"", request);
    }
}
