package org.eegworkflow.auth.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.auth.control.RoleService;
import org.eegworkflow.auth.entity.User;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Jsons;

/** Users and their roles, for admins: the first account is an admin; admins make block authors. */
@Path("admin/users")
@Secured
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(ErrorResponses.JSON_UTF8)
public class AdminResource {

    @Inject
    RoleService roles;

    @GET
    public JsonArray users(@Context SecurityContext security) {
        JsonArrayBuilder list = Jsons.PROVIDER.createArrayBuilder();
        roles.users(AuthenticatedUser.of(security)).forEach(user -> list.add(json(user)));
        return list.build();
    }

    @PUT
    @Path("{id}/roles/{role}")
    public JsonObject grant(@PathParam("id") long id, @PathParam("role") String role,
                            @Context SecurityContext security) {
        return json(roles.grant(AuthenticatedUser.of(security), id, role));
    }

    @DELETE
    @Path("{id}/roles/{role}")
    public JsonObject revoke(@PathParam("id") long id, @PathParam("role") String role,
                             @Context SecurityContext security) {
        return json(roles.revoke(AuthenticatedUser.of(security), id, role));
    }

    private static JsonObject json(User user) {
        JsonArrayBuilder roleList = Jsons.PROVIDER.createArrayBuilder();
        user.getRoles().forEach(roleList::add);
        return Jsons.PROVIDER.createObjectBuilder().add("id", user.getId()).add("email", user.getEmail())
                .add("username", user.getUsername()).add("roles", roleList).build();
    }
}
