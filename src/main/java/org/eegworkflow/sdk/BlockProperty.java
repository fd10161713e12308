package org.eegworkflow.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field as a property the user edits in the designer. Workflows carry property values as text; the engine
 * converts the text to the field's Java type before execute runs ({@code double}, {@code int}, {@code long},
 * {@code boolean}, {@code String}). A value that does not parse is refused when the workflow is scheduled.
 *
 * <pre>{@code
 * @BlockProperty(name = "constant value", type = Types.NUMBER, defaultValue = "10")
 * double value;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface BlockProperty {
    /** Required. The property's name as workflows carry it, unique within the block. */
    String name();

    /** Required. The property's type, one of {@link Types}. */
    String type();

    /** Optional, default {@code ""} (no default: the field keeps its initial value). Used when a workflow omits it. */
    String defaultValue() default "";

    /** Optional, default {@code ""}. Help text the designer shows beside the widget. */
    String description() default "";
}
