package org.eegworkflow.block.control;

import java.lang.reflect.Field;

/** One editable property of a block type. */
public record PropertySpec(String name, String type, String defaultValue, String description, Field field) {
}
