package org.eegworkflow.auth.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Put on a resource class or method that needs a logged-in caller; {@link AuthenticationFilter} then checks the
 * {@code token} cookie (or a Bearer header). Whatever does not carry it is open: register, login, health.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Secured {
}
