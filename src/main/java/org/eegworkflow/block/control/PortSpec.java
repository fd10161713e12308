package org.eegworkflow.block.control;

import java.lang.reflect.Field;

/**
 * One connector of a block type.
 *
 * @param max the largest number of edges, or {@link #UNBOUNDED}
 */
public record PortSpec(String name, String type, int min, int max, String description, Field field) {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** The cardinality as the API writes it: {@code "1-1"}, {@code "0-*"}. */
    public String cardinality() {
        return min + "-" + (max == UNBOUNDED ? "*" : Integer.toString(max));
    }

    public boolean isList() {
        return java.util.List.class.isAssignableFrom(field.getType());
    }
}
