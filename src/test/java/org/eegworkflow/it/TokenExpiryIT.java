package org.eegworkflow.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eegworkflow.auth.control.AccountService;
import org.eegworkflow.auth.control.TokenService;
import org.eegworkflow.auth.entity.User;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An expired token is refused. Runs inside the container, where it can issue a token that has already expired, and
 * then asks the app over HTTP as any client would.
 */
@ExtendWith(ArquillianExtension.class)
class TokenExpiryIT {

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war().addClass(TokenExpiryIT.class);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        User user = accounts.register("expiry-" + UUID.randomUUID() + "@example.org", "Expiry", "correct horse battery");
        String expired = tokens.issue(user.getId(), Duration.ofSeconds(-1));
        String valid = tokens.issue(user.getId(), Duration.ofMinutes(5));

        assertEquals(401, details(expired), "an expired token");
        assertEquals(200, details(valid), "a valid token of the same user");
    }

    private static int details(String token) throws Exception {
        URI self = URI.create(System.getProperty("eegwf.it.self", "http://127.0.0.1:8080/"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(self.resolve("api/users/details")).header("Cookie", "token=" + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
