package org.eegworkflow.module.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.boundary.Secured;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.block.control.PropertySpec;
import org.eegworkflow.block.control.Values;
import org.eegworkflow.module.control.ModuleService;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Jsons;

/** The block palette (compat): every block type the caller may use, built-in, their own and public. */
@Path("workflow/initialize")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class PaletteResource {
    @Inject
    ModuleService modules;

    @GET
    public JsonArray list(@Context SecurityContext security) {
        JsonArrayBuilder types = Jsons.PROVIDER.createArrayBuilder();
        for (ModuleService.PaletteModule module : modules.palette(AuthenticatedUser.of(security))) {
            module.blocks().forEach(spec -> types.add(describe(spec, module.owner(), module.isPublic())));
        }
        return types.build();
    }

    @POST
    public JsonArray initialize(@Context SecurityContext security) {
        return list(security);
    }

    static JsonObject describe(BlockSpec spec, String owner, boolean isPublic) {
        JsonArrayBuilder fields = Jsons.PROVIDER.createArrayBuilder();
        for (PortSpec input : spec.inputs()) {
            fields.add(Jsons.PROVIDER.createObjectBuilder().add("attrs", "input").add("name", input.name())
                    .add("type", input.type()).add("card", input.cardinality())
                    .add("description", input.description()));
        }
        for (PortSpec output : spec.outputs()) {
            // the compat format gives outputs a card of "1-1"; an output still feeds any number of inputs
            var field = Jsons.PROVIDER.createObjectBuilder().add("attrs", "output").add("name", output.name())
                    .add("type", output.type()).add("card", "1-1")
                    .add("description", output.description());
            if (output.collection()) {
                // only where true, so the old client's palette of single-value blocks is exactly as it was
                field.add("collection", true);
            }
            fields.add(field);
        }
        for (PropertySpec property : spec.properties()) {
            var field = Jsons.PROVIDER.createObjectBuilder().add("attrs", "editable").add("name", property.name())
                    .add("type", property.type()).add("defaultValue", property.defaultValue())
                    .add("description", property.description());
            List<String> choices = Values.choices(property.field().getType());
            if (!choices.isEmpty()) {
                field.add("choices", Jsons.PROVIDER.createArrayBuilder(choices));
            }
            fields.add(field);
        }
        return Jsons.PROVIDER.createObjectBuilder()
                .add("module", spec.module())
                .add("name", spec.name())
                .add("family", spec.family())
                .add("description", spec.description())
                .add("owner", owner)
                .add("public", isPublic)
                .add("fields", fields)
                .build();
    }
}
