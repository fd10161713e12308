package org.eegworkflow.block.control;

import java.lang.reflect.Field;

/**
 * One connector of a block type.
 *
 * @param max        the largest number of edges, or {@link #UNBOUNDED}
 * @param collection for an output: it makes a collection ({@code @BlockOutput(collection = true)})
 */
public record PortSpec(String name, String type, int min, int max, String description, Field field,
                       boolean collection) {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** A connector carrying one value (not a collection). */
    public PortSpec(String name, String type, int min, int max, String description, Field field) {
        this(name, type, min, max, description, field, false);
    }

    /** Whether an input gathers whole collections: its type is an array type ({@code "Epochs[]"}). */
    public boolean gathers() {
        return type.endsWith("[]");
    }

    /** Whether an input receives the collection itself (keys and entities), not a list of values. */
    public boolean takesElements() {
        return org.eegworkflow.sdk.Elements.class.isAssignableFrom(field.getType());
    }

    /** The cardinality as the API writes it: {@code "1-1"}, {@code "0-*"}. */
    public String cardinality() {
        return min + "-" + (max == UNBOUNDED ? "*" : Integer.toString(max));
    }

    public boolean isList() {
        return java.util.List.class.isAssignableFrom(field.getType());
    }
}
