package org.eegworkflow.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a block type. The class needs a public no-argument constructor; the engine makes a fresh instance
 * for every run of the block, so fields never leak between runs.
 *
 * <pre>{@code
 * @BlockType(name = "Addition", family = "AddSub", description = "Adds two numbers")
 * public class Addition { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BlockType {
    /** Required. The block type's name as the designer and workflows show it, unique within its module. */
    String name();

    /** Optional, default {@code ""}. The group the palette files the block under, for example {@code "AddSub"}. */
    String family() default "";

    /** Optional, default {@code ""}. One or two sentences for the palette. */
    String description() default "";
}
