package org.eegworkflow.auth.boundary;

import java.security.Principal;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.auth.control.TokenService;
import org.eegworkflow.platform.NotAuthenticatedException;
import org.eegworkflow.platform.NotPermittedException;
import org.eegworkflow.platform.Settings;

/**
 * Turns the {@code token} cookie, or an {@code Authorization: Bearer} header for scripts, into the caller's identity
 * on every {@link Secured} endpoint. Anything missing, unknown, expired or revoked is a 401. For the old web client
 * ({@link OldClient}) its {@code token} header is a credential too, after the cookie, and a refusal is the 403 its
 * code expects, as the old server answered it.
 */
@Secured
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {
    public static final String COOKIE = "token";
    private static final String BEARER = "Bearer ";

    @Inject
    TokenService tokens;

    @Inject
    Settings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String tokenHeader = request.getHeaderString(OldClient.TOKEN_HEADER);
        boolean oldClient = settings.legacyClient()
                && OldClient.sentBy(tokenHeader, request.getHeaderString(OldClient.EMAIL_HEADER));
        String token = tokenOf(request);
        if (oldClient) {
            request.setProperty(OldClient.PROPERTY, Boolean.TRUE);
            if (token == null) {
                token = OldClient.token(tokenHeader);
            }
        }
        AuthenticatedUser user;
        try {
            if (token == null) {
                throw new NotAuthenticatedException(
                        "not logged in: send the token cookie or an Authorization: Bearer header");
            }
            user = tokens.authenticate(token);
        } catch (NotAuthenticatedException e) {
            if (oldClient) {
                // the old server refused a missing token with 403, and the old client's handlers know 400 and 403 only
                throw new NotPermittedException(e.getMessage());
            }
            throw e;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return user.roles().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "TOKEN";
            }
        });
    }

    static String tokenOf(ContainerRequestContext request) {
        return tokenOf(request.getHeaderString(HttpHeaders.AUTHORIZATION), request.getCookies());
    }

    /** The token a request carries: the Bearer header wins over the cookie, since a script sets it on purpose. */
    public static String tokenOf(HttpHeaders headers) {
        return tokenOf(headers.getHeaderString(HttpHeaders.AUTHORIZATION), headers.getCookies());
    }

    /** Whether the caller authenticated with a Bearer header (a script), not as a browser with its cookie. */
    public static boolean bearer(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    private static String tokenOf(String authorization, java.util.Map<String, Cookie> cookies) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        Cookie cookie = cookies.get(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
