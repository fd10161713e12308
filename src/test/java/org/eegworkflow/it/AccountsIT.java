package org.eegworkflow.it;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounts and the authentication filter, over HTTP, on the server this run deploys to. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountsIT {
    private static final String PASSWORD = "correct horse battery";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    private static String email() {
        return "acc-" + UUID.randomUUID() + "@example.org";
    }

    @Test
    void registerLoginDetails() {
        ApiClient client = ApiClient.at(base);
        String email = email();
        ApiClient.Reply registered = client.post("api/users/register",
                Map.of("email", email, "username", "Ada", "password", PASSWORD));
        assertEquals(201, registered.status(), registered.body());
        assertEquals("New User Created", registered.json().getString("success"));

        ApiClient.Reply login = client.post("api/users/login", Map.of("email", email, "password", PASSWORD));
        assertEquals(200, login.status(), login.body());
        JsonObject json = login.json();
        assertFalse(json.getBoolean("reset"));
        assertEquals(email, json.getString("email"));
        assertEquals("Ada", json.getString("username"));
        assertTrue(json.getJsonNumber("id").longValueExact() > 0);
        String token = json.getString("token");
        assertTrue(token.length() >= 22, "a token of at least 128 bits");
        String cookie = login.header("Set-Cookie");
        assertNotNull(cookie, "login sets the token cookie");
        assertTrue(cookie.startsWith("token=" + token), cookie);
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertTrue(cookie.contains("Path=/") || cookie.contains("path=/"), cookie);

        client.useToken(token, false);
        ApiClient.Reply details = client.get("api/users/details");
        assertEquals(200, details.status(), details.body());
        assertEquals(email, details.json().getString("email"));
        assertEquals("Ada", details.json().getString("username"));
        assertEquals(json.getJsonNumber("id"), details.json().getJsonNumber("id"));

        client.useToken(token, true);
        assertEquals(200, client.get("api/users/details").status(), "a Bearer header works as the cookie does");
    }

    @Test
    void loginAcceptsUrlEncodedForms() {
        ApiClient client = ApiClient.at(base);
        String email = email();
        client.register(email, "Ada", PASSWORD);
        ApiClient.Reply login = client.postUrlEncoded("api/users/login", Map.of("email", email, "password", PASSWORD));
        assertEquals(200, login.status(), login.body());
    }

    @Test
    void registrationRefusesBadInput() {
        ApiClient client = ApiClient.at(base);
        String email = email();
        client.register(email, "Ada", PASSWORD);

        ApiClient.Reply again = client.post("api/users/register",
                Map.of("email", email.toUpperCase(), "username", "Other", "password", PASSWORD));
        assertEquals(403, again.status(), again.body());
        assertTrue(again.error().contains("already registered"), again.body());

        ApiClient.Reply badEmail = client.post("api/users/register",
                Map.of("email", "not-an-email", "username", "Ada", "password", PASSWORD));
        assertEquals(400, badEmail.status());
        assertTrue(badEmail.error().startsWith("email"), badEmail.body());

        ApiClient.Reply shortPassword = client.post("api/users/register",
                Map.of("email", email(), "username", "Ada", "password", "short"));
        assertEquals(400, shortPassword.status());
        assertTrue(shortPassword.error().startsWith("password"), shortPassword.body());

        ApiClient.Reply noName = client.post("api/users/register", Map.of("email", email(), "password", PASSWORD));
        assertEquals(400, noName.status());
        assertTrue(noName.error().startsWith("username"), noName.body());
    }

    @Test
    void wrongEmailAndWrongPasswordGetTheSameAnswer() {
        ApiClient client = ApiClient.at(base);
        String email = email();
        client.register(email, "Ada", PASSWORD);
        ApiClient.Reply wrongPassword = client.post("api/users/login",
                Map.of("email", email, "password", "not the password"));
        ApiClient.Reply wrongEmail = client.post("api/users/login", Map.of("email", email(), "password", PASSWORD));
        assertEquals(403, wrongPassword.status());
        assertEquals(403, wrongEmail.status());
        assertEquals(wrongPassword.error(), wrongEmail.error());
    }

    @Test
    void openApiDocumentIsServedWithoutAToken() {
        ApiClient.Reply document = ApiClient.at(base).get("api/openapi.yaml");
        assertEquals(200, document.status(), document.body());
        assertTrue(document.header("Content-Type").startsWith("application/yaml"), document.header("Content-Type"));
        assertTrue(document.body().startsWith("openapi: 3."), document.body());
        assertTrue(document.body().contains("/workflow/schedule:"), "documents the schedule endpoint");
    }

    @Test
    void filterRefusesMissingAndUnknownTokens() {
        ApiClient anonymous = ApiClient.at(base);
        ApiClient.Reply none = anonymous.get("api/users/details");
        assertEquals(401, none.status());
        assertTrue(none.header("Content-Type").startsWith("application/json"), none.header("Content-Type"));
        assertFalse(none.error().isBlank());

        ApiClient.Reply unknown = ApiClient.at(base).useToken("x".repeat(43), false).get("api/users/details");
        assertEquals(401, unknown.status());
        ApiClient.Reply unknownBearer = ApiClient.at(base).useToken("y".repeat(43), true)
                .get("api/workflow/schedule");
        assertEquals(401, unknownBearer.status());
        assertEquals(401, anonymous.post("api/workflow/schedule", Map.of("workflow", "{}")).status());
    }

    @Test
    void logoutRevokesTheToken() {
        ApiClient client = ApiClient.newUser(base);
        String token = client.token();
        ApiClient.Reply logout = client.postEmpty("api/users/logout");
        assertEquals(204, logout.status(), logout.body());
        String cleared = logout.header("Set-Cookie");
        assertNotNull(cleared);
        assertTrue(cleared.contains("Max-Age=0") || cleared.contains("max-age=0"), cleared);
        assertEquals(401, ApiClient.at(base).useToken(token, false).get("api/users/details").status());
    }

    @Test
    void passwordChangeRevokesTokensAndTakesTheNewPassword() {
        ApiClient client = ApiClient.at(base);
        String email = email();
        client.register(email, "Ada", PASSWORD);
        client.login(email, PASSWORD);
        String oldToken = client.token();

        ApiClient.Reply wrong = client.post("api/users/reset",
                Map.of("currentPassword", "not the password", "newPassword", "a new long password"));
        assertEquals(403, wrong.status(), wrong.body());

        ApiClient.Reply changed = client.post("api/users/reset",
                Map.of("currentPassword", PASSWORD, "newPassword", "a new long password"));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("Password Changed", changed.json().getString("success"));

        assertEquals(401, ApiClient.at(base).useToken(oldToken, false).get("api/users/details").status());
        assertEquals(403, ApiClient.at(base).post("api/users/login",
                Map.of("email", email, "password", PASSWORD)).status());
        ApiClient again = ApiClient.at(base);
        again.login(email, "a new long password");
        assertEquals(200, again.get("api/users/details").status());
    }

    @Test
    void crossSitePostWithTheCookieIsRefused() {
        ApiClient client = ApiClient.newUser(base);
        ApiClient.Reply crossSite = client.post("api/workflow/schedule", Map.of("workflow", Workflows.seedExample()),
                Map.of("Origin", "https://evil.example"));
        assertEquals(403, crossSite.status(), crossSite.body());
        assertTrue(client.get("api/workflow/schedule").jsonArray().isEmpty(), "nothing was scheduled");
    }
}
