package org.eegworkflow.platform;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** Open: whether the database and the batch runtime answer. 200 when both do, 503 otherwise. */
@Path("health")
@RequestScoped
@Produces(ErrorResponses.JSON_UTF8)
public class HealthResource {

    @PersistenceContext
    EntityManager em;

    @GET
    public Response health() {
        String database = check(() -> em.createQuery("select count(u) from User u").getSingleResult());
        String batch = check(() -> BatchRuntime.getJobOperator().getJobNames());
        boolean up = database.equals("UP") && batch.equals("UP");
        JsonObject body = Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("database", database)
                .add("batch", batch)
                .build();
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    private static String check(Runnable probe) {
        try {
            probe.run();
            return "UP";
        } catch (RuntimeException e) {
            return "DOWN";
        }
    }
}
