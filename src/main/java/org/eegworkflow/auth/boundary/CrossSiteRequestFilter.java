package org.eegworkflow.auth.boundary;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import org.eegworkflow.platform.NotPermittedException;

/**
 * Refuses state-changing requests that a browser sends on behalf of another site. The token cookie is SameSite=Lax,
 * which already keeps it off most cross-site POSTs; this check covers older browsers and same-site-but-cross-origin
 * pages by comparing the {@code Origin} header (which browsers always send on such requests) with the request's host.
 * Scripts and portals send no Origin and are not affected.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteRequestFilter implements ContainerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            throw new NotPermittedException("cross-site request refused");
        }
        if (origin == null || origin.isBlank()) {
            return;
        }
        String host = request.getHeaderString("Host");
        if (host == null || !sameHost(origin, host)) {
            throw new NotPermittedException("cross-site request refused: Origin " + origin + " is not this server");
        }
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String expected = host.trim().toLowerCase(Locale.ROOT);
            String actual = originHost.toLowerCase(Locale.ROOT);
            // a default port may be written or left out on either side
            return actual.equals(expected) || actual.equals(expected + ":80") || actual.equals(expected + ":443")
                    || expected.equals(actual + ":80") || expected.equals(actual + ":443");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
