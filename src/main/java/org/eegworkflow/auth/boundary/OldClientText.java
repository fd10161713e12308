package org.eegworkflow.auth.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Put on the resource methods whose JSON the old web client reads as text ({@code JSON.parse} on what jQuery hands
 * it): for that client alone, {@link OldClientTextFilter} labels the same JSON text {@code text/html}, as the old
 * server did, so jQuery hands over a string instead of a parsed object.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OldClientText {
}
