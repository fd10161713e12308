package org.eegworkflow.auth.control;

import java.security.Principal;
import java.util.Set;

import jakarta.ws.rs.core.SecurityContext;

/** The caller of a {@link Secured} request, as the filter found it. */
public record AuthenticatedUser(long id, String email, String username, Set<String> roles) implements Principal {

    @Override
    public String getName() {
        return email;
    }

    /** The caller of the current request; only valid on {@link Secured} resources. */
    public static AuthenticatedUser of(SecurityContext context) {
        return (AuthenticatedUser) context.getUserPrincipal();
    }
}
