package org.eegworkflow.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field as an output connector. After execute returns, the engine reads the field and hands its value to
 * every block connected to this output.
 *
 * <pre>{@code
 * @BlockOutput(name = "output", type = Types.NUMBER)
 * double output;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface BlockOutput {
    /** Required. The connector's name, unique among the block's connectors. */
    String name();

    /** Required. The type of value produced, one of {@link Types} or a module's own type name. */
    String type();

    /** Optional, default {@code ""}. What the output carries. */
    String description() default "";

    /**
     * Optional, default false. The output is a collection of values of {@link #type()}, one per element of a study,
     * each under its key: the field is an {@link Elements}. Blocks fed by it run once per element (see
     * {@link Elements}).
     */
    boolean collection() default false;
}
