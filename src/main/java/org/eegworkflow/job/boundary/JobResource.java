package org.eegworkflow.job.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.AuthenticatedUser;
import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.job.control.JobService;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.platform.ApiException;
import org.eegworkflow.platform.ErrorResponses;

/** Job details: the workflow with each block's status, output, stdout and stderr. */
@Path("workflow/jobs")
@Secured
@RequestScoped
@Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
@Produces(ErrorResponses.JSON_UTF8)
public class JobResource {

    @Inject
    JobService jobs;

    /** Compat: the job id arrives as the form field {@code jobId}. */
    @POST
    public JsonObject detailsByForm(@FormParam("jobId") String jobId, @Context SecurityContext security) {
        return details(parseId(jobId), security);
    }

    @GET
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public JsonObject details(@PathParam("id") long id, @Context SecurityContext security) {
        Job job = jobs.find(id, AuthenticatedUser.of(security).id());
        return JobViews.details(job, jobs.blockRuns(job));
    }

    private static long parseId(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw ApiException.badRequest("jobId: required");
        }
        try {
            return Long.parseLong(jobId.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("jobId: '" + jobId + "' is not a job id (a number)");
        }
    }
}
