package org.eegworkflow.job.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.OldClientText;
import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.job.control.JobService;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Jsons;

/** Schedule Job (compat): start a workflow; and the caller's jobs, newest first. */
@Path("workflow/schedule")
@Secured
@RequestScoped
@Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
@Produces(ErrorResponses.JSON_UTF8)
public class ScheduleResource {

    @Inject
    JobService jobs;

    @POST
    public JsonObject schedule(@FormParam("workflow") String workflow, @FormParam("cache") String cache,
                               @Context SecurityContext security) {
        long jobId = jobs.schedule(AuthenticatedUser.of(security).id(), workflow, cacheField(cache));
        return Jsons.PROVIDER.createObjectBuilder().add("job_id", jobId).build();
    }

    /** The form's {@code cache} field: true, false, or absent (the server's setting decides). */
    private static Boolean cacheField(String cache) {
        if (cache == null || cache.isBlank()) {
            return null;
        }
        return switch (cache.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new org.eegworkflow.platform.InvalidInputException("field 'cache' must be true or false,"
                    + " got '" + cache + "'");
        };
    }

    @GET
    @Consumes(MediaType.WILDCARD)
    @OldClientText
    public JsonArray list(@Context SecurityContext security) {
        JsonArrayBuilder list = Jsons.PROVIDER.createArrayBuilder();
        jobs.list(AuthenticatedUser.of(security).id()).forEach(job -> list.add(JobViews.summary(job)));
        return list.build();
    }
}
