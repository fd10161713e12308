package org.eegworkflow.dataset.boundary;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.dataset.control.DatasetService;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.sdk.DatasetDescription;
import org.eegworkflow.sdk.RecordingDescription;

/**
 * A folder of the caller's data files as a dataset: {@code {"folder", "format", "recordings": [...], "problems":
 * [...]}}, each recording {@code {"path", "subject", "session", "task", "run", "format", "channels", "samplingRate",
 * "durationSeconds", "badChannels", "events"}} (see {@link RecordingDescription}).
 */
@Path("datasets")
@Secured
@RequestScoped
@Produces(ErrorResponses.JSON_UTF8)
public class DatasetsResource {
    @Inject
    DatasetService datasets;

    /** The top of the caller's files. */
    @GET
    public JsonObject top(@Context SecurityContext security) {
        return describe("", security);
    }

    @GET
    @Path("{folder: .+}")
    public JsonObject describe(@PathParam("folder") String folder, @Context SecurityContext security) {
        DatasetService.Described described = datasets.describe(AuthenticatedUser.of(security), folder);
        DatasetDescription d = described.description();
        JsonArrayBuilder recordings = Jsons.PROVIDER.createArrayBuilder();
        for (RecordingDescription r : d.recordings()) {
            JsonObjectBuilder events = Jsons.PROVIDER.createObjectBuilder();
            for (Map.Entry<String, Integer> e : r.events().entrySet()) {
                events.add(e.getKey(), e.getValue());
            }
            JsonObjectBuilder one = Jsons.PROVIDER.createObjectBuilder().add("path", r.path());
            text(one, "subject", r.subject());
            text(one, "session", r.session());
            text(one, "task", r.task());
            text(one, "run", r.run());
            text(one, "format", r.format());
            if (r.channels() == null) {
                one.addNull("channels");
            } else {
                one.add("channels", r.channels());
            }
            number(one, "samplingRate", r.samplingRate());
            number(one, "durationSeconds", r.durationSeconds());
            JsonArrayBuilder bad = Jsons.PROVIDER.createArrayBuilder();
            r.badChannels().forEach(bad::add);
            recordings.add(one.add("badChannels", bad).add("events", events));
        }
        JsonArrayBuilder problems = Jsons.PROVIDER.createArrayBuilder();
        d.problems().forEach(problems::add);
        return Jsons.PROVIDER.createObjectBuilder().add("folder", described.folder()).add("format", d.format())
                .add("recordings", recordings).add("problems", problems).build();
    }

    private static void text(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }

    private static void number(JsonObjectBuilder json, String key, Double value) {
        if (value == null || !Double.isFinite(value)) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }
}
