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

    /**
     * Optional, default {@code 0} (not declared: the engine assumes a small block,
     * {@code eegwf.memory.block.default.mb}, 32 MB). About how many megabytes of the Java heap one run of the block
     * needs at its peak: its working arrays and the output values it builds, not the inputs it is given (those are
     * held already). The engine starts a job only when the heap it gives jobs has room for what the job's blocks
     * declare, so a block that holds whole recordings, epochs or models in arrays declares what the largest input it
     * is meant for takes (a {@code double} is 8 bytes); a block that streams its data through files declares its
     * buffers.
     */
    int memoryMb() default 0;

    /**
     * Optional, default {@code true}. Whether the engine may reuse an earlier result of this block instead of running
     * it, when its module version, properties and inputs are the same as then (the result cache). A block with side
     * effects (it sends, writes outside its job, or depends on the time or on chance) declares {@code false}.
     */
    boolean cacheable() default true;
}
