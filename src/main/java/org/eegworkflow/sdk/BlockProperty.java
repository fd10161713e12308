package org.eegworkflow.sdk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field as a property the user edits in the designer. Workflows carry property values as text; the engine
 * converts the text to the field's Java type before execute runs. A value that does not convert is refused when the
 * workflow is scheduled. Field types and the text they take:
 * <ul>
 * <li>{@code double}, {@code float}, {@code int}, {@code long} (and their wrappers): a number ({@link Types#NUMBER});
 *     a wrapper field ({@code Double}, ...) is an optional number: {@code None} (or {@code null}) sets it to null;</li>
 * <li>{@code boolean}: {@code true} or {@code false} ({@link Types#BOOLEAN});</li>
 * <li>{@code String}: any text ({@link Types#STRING});</li>
 * <li>{@code java.util.List<String>}: a JSON array of strings, or text separated by commas ({@link Types#STRING_ARRAY});</li>
 * <li>an {@code enum}: one of its constants' names, which the designer offers as a choice list;</li>
 * <li>{@code java.nio.file.Path}: a file of the job owner's data files, by its path relative to their data folder
 *     ({@link Types#FILE}); it can never point outside that folder.</li>
 * </ul>
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
