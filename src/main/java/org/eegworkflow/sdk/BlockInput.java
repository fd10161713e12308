package org.eegworkflow.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field as an input connector. Before execute runs, the engine sets the field to the value that arrives over
 * the connected edge. An input whose cardinality allows more than one edge must be a {@code java.util.List}; it
 * receives every connected value, in edge order.
 *
 * <pre>{@code
 * @BlockInput(name = "num1", type = Types.NUMBER)
 * double num1;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface BlockInput {
    /** Required. The connector's name, unique among the block's connectors. */
    String name();

    /** Required. The type of value accepted, one of {@link Types} or a module's own type name. */
    String type();

    /**
     * Optional, default {@code "1-1"}. How many edges may feed this input, as {@code "min-max"}; {@code *} for no
     * upper bound. A minimum of 0 makes the input optional (the field keeps its initial value when unconnected).
     */
    String cardinality() default "1-1";

    /** Optional, default {@code ""}. What the input is for. */
    String description() default "";
}
