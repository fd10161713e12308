package org.eegworkflow.auth.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eegworkflow.auth.control.AccountService;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.auth.control.TokenService;
import org.eegworkflow.auth.entity.User;
import org.eegworkflow.platform.ErrorResponses;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.platform.Settings;

/** Accounts (compat): register, login, details, password change; and logout. */
@Path("users")
@RequestScoped
@Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
@Produces(ErrorResponses.JSON_UTF8)
public class UserResource {

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    Settings settings;

    @POST
    @Path("register")
    public Response register(@FormParam("email") String email, @FormParam("username") String username,
                             @FormParam("password") String password) {
        accounts.register(email, username, password);
        return Response.status(Response.Status.CREATED)
                .entity(Jsons.PROVIDER.createObjectBuilder().add("success", "New User Created").build()).build();
    }

    @POST
    @Path("login")
    public Response login(@FormParam("email") String email, @FormParam("password") String password,
                          @Context SecurityContext security) {
        AccountService.Login login = accounts.login(email, password);
        User user = login.user();
        JsonObject body = Jsons.PROVIDER.createObjectBuilder()
                .add("reset", false)
                .add("id", user.getId())
                .add("email", user.getEmail())
                .add("token", login.token())
                .add("username", user.getUsername())
                .build();
        return Response.ok(body).cookie(tokenCookie(login.token(),
                (int) settings.tokenLifetime().toSeconds(), settings.secureCookie(security.isSecure()))).build();
    }

    @GET
    @Path("details")
    @Secured
    @Consumes(MediaType.WILDCARD)
    public JsonObject details(@Context SecurityContext security) {
        AuthenticatedUser user = AuthenticatedUser.of(security);
        return Jsons.PROVIDER.createObjectBuilder()
                .add("id", user.id())
                .add("email", user.email())
                .add("username", user.username())
                .build();
    }

    /**
     * Changes the password. Every token of the account is revoked, the caller's too; a browser (a caller without a
     * Bearer header) gets a fresh token cookie, so the page it is on goes on working.
     */
    @POST
    @Path("reset")
    @Secured
    public Response reset(@FormParam("currentPassword") String currentPassword,
                          @FormParam("newPassword") String newPassword, @Context HttpHeaders headers,
                          @Context SecurityContext security) {
        AuthenticatedUser caller = AuthenticatedUser.of(security);
        accounts.changePassword(caller, currentPassword, newPassword);
        Response.ResponseBuilder ok = Response.ok(Jsons.PROVIDER.createObjectBuilder().add("success", "Password Changed").build());
        if (!AuthenticationFilter.bearer(headers)) {
            ok.cookie(tokenCookie(tokens.issue(caller.id()), (int) settings.tokenLifetime().toSeconds(),
                    settings.secureCookie(security.isSecure())));
        }
        return ok.build();
    }

    @PUT
    @Path("reset")
    @Secured
    public Response resetByPut(@FormParam("currentPassword") String currentPassword,
                               @FormParam("newPassword") String newPassword, @Context HttpHeaders headers,
                               @Context SecurityContext security) {
        return reset(currentPassword, newPassword, headers, security);
    }

    @POST
    @Path("logout")
    @Secured
    @Consumes(MediaType.WILDCARD)
    public Response logout(@Context HttpHeaders headers, @Context SecurityContext security) {
        tokens.revoke(AuthenticationFilter.tokenOf(headers));
        return Response.noContent().cookie(tokenCookie("", 0, settings.secureCookie(security.isSecure()))).build();
    }

    private static NewCookie tokenCookie(String value, int maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(AuthenticationFilter.COOKIE)
                .value(value)
                .path("/")
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
