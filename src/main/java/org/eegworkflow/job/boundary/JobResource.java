package org.eegworkflow.job.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eegworkflow.auth.boundary.OldClientText;
import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.job.control.JobService;
import org.eegworkflow.job.control.events.JobEventJson;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.run.WorkflowPlans;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.ErrorResponses;

/** Job details (the workflow with each block's results), live events, and stop, restart and delete. */
@Path("workflow/jobs")
@Secured
@RequestScoped
@Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
@Produces(ErrorResponses.JSON_UTF8)
public class JobResource {

    @Inject
    JobService jobs;

    @Inject
    JobEvents events;

    @Inject
    WorkflowPlans plans;

    /**
     * The job statuses and which of them are final, so the designer learns when a job has ended from the server's
     * {@code JobStatus.isFinal} rather than from a list of its own.
     */
    @GET
    @Path("statuses")
    @Consumes(MediaType.WILDCARD)
    public JsonObject statuses() {
        return JobEventJson.statuses();
    }

    /** Compat: the job id arrives as the form field {@code jobId}. */
    @POST
    @OldClientText
    public JsonObject detailsByForm(@FormParam("jobId") String jobId, @Context SecurityContext security) {
        return details(parseId(jobId), security);
    }

    @GET
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public JsonObject details(@PathParam("id") long id, @Context SecurityContext security) {
        Job job = jobs.find(id, AuthenticatedUser.of(security).id());
        return JobViews.details(job, plans.json(job), jobs.blockRuns(job), elements(job),
                jobs.runningBlocks(job), jobs.waitingReason(job), jobs.remoteTasks(job));
    }

    /** Block and job status changes as server-sent events, from the current state on; ends when the job ends. */
    @GET
    @Path("{id}/events")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") long id, @Context SecurityContext security, @Context SseEventSink sink,
                       @Context Sse sse) {
        long owner = AuthenticatedUser.of(security).id();
        Job found = jobs.find(id, owner);
        events.follow(found.getId(),
                () -> {
                    Job job = jobs.find(id, owner);
                    return JobViews.snapshot(job, jobs.blockRuns(job), elements(job), jobs.runningBlocks(job));
                },
                JobEventJson::ended,
                new SseListener(sink, sse));
    }

    @POST
    @Path("{id}/stop")
    @Consumes(MediaType.WILDCARD)
    public JsonObject stop(@PathParam("id") long id, @Context SecurityContext security) {
        jobs.stop(id, AuthenticatedUser.of(security).id());
        return details(id, security);
    }

    @POST
    @Path("{id}/restart")
    @Consumes(MediaType.WILDCARD)
    public JsonObject restart(@PathParam("id") long id, @Context SecurityContext security) {
        jobs.restart(id, AuthenticatedUser.of(security).id());
        return details(id, security);
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public void delete(@PathParam("id") long id, @Context SecurityContext security) {
        jobs.delete(id, AuthenticatedUser.of(security).id());
    }

    private static long parseId(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw new InvalidInputException("jobId: required");
        }
        try {
            return Long.parseLong(jobId.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("jobId: " + DomainException.quote(jobId) + " is not a job id (a number)");
        }
    }

    private java.util.List<org.eegworkflow.job.entity.ElementRun> elements(org.eegworkflow.job.entity.Job job) {
        return plans.mayHaveElements(job) ? jobs.elementRuns(job) : java.util.List.of();
    }
}
