package org.eegworkflow.block.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.block.control.PropertySpec;
import org.eegworkflow.platform.ErrorResponses;

/** The block palette (compat): every block type the caller may use. */
@Path("workflow/initialize")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class InitializeResource {
    static final String BUILT_IN_OWNER = "system";

    @Inject
    BlockRegistry registry;

    @GET
    public JsonArray list() {
        JsonArrayBuilder types = Json.createArrayBuilder();
        registry.all().forEach(spec -> types.add(describe(spec)));
        return types.build();
    }

    @POST
    public JsonArray initialize() {
        return list();
    }

    static JsonObject describe(BlockSpec spec) {
        JsonArrayBuilder fields = Json.createArrayBuilder();
        for (PortSpec input : spec.inputs()) {
            fields.add(Json.createObjectBuilder().add("attrs", "input").add("name", input.name())
                    .add("type", input.type()).add("card", input.cardinality())
                    .add("description", input.description()));
        }
        for (PortSpec output : spec.outputs()) {
            // the compat format gives outputs a card of "1-1"; an output still feeds any number of inputs
            fields.add(Json.createObjectBuilder().add("attrs", "output").add("name", output.name())
                    .add("type", output.type()).add("card", "1-1")
                    .add("description", output.description()));
        }
        for (PropertySpec property : spec.properties()) {
            fields.add(Json.createObjectBuilder().add("attrs", "editable").add("name", property.name())
                    .add("type", property.type()).add("defaultValue", property.defaultValue())
                    .add("description", property.description()));
        }
        return Json.createObjectBuilder()
                .add("module", spec.module())
                .add("name", spec.name())
                .add("family", spec.family())
                .add("description", spec.description())
                .add("owner", BUILT_IN_OWNER)
                .add("public", true)
                .add("fields", fields)
                .build();
    }
}
