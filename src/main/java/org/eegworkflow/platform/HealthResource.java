package org.eegworkflow.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * Open: whether the database and the batch runtime answer. 200 when both do; 503 otherwise, naming the part that is
 * down in {@code error} (the batch runtime keeps its job repository in the database, so it is down with it).
 */
@Path("health")
@RequestScoped
@Produces(ErrorResponses.JSON_UTF8)
public class HealthResource {

    @PersistenceContext
    EntityManager em;

    @GET
    public Response health() {
        String database = check(() -> em.createQuery("select count(u) from User u").getSingleResult());
        String batch = check(() -> BatchOperator.get().getJobNames());
        boolean up = database.equals("UP") && batch.equals("UP");
        var body = Jsons.PROVIDER.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("database", database)
                .add("batch", batch);
        if (!up) {
            body.add("error", !database.equals("UP") ? DatabaseFailures.UNAVAILABLE
                    : "the batch runtime is unavailable; try again shortly");
            return Response.status(503).header("Retry-After", DatabaseFailures.RETRY_AFTER_SECONDS)
                    .entity(body.build()).build();
        }
        return Response.ok(body.build()).build();
    }

    private static String check(Runnable probe) {
        try {
            probe.run();
            return "UP";
        } catch (Exception e) {
            return "DOWN";
        }
    }
}
