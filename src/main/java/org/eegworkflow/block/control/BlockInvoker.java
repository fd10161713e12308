package org.eegworkflow.block.control;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.sdk.BlockContext;

/**
 * Runs one block through the SDK contract: a fresh instance, properties and inputs set on its fields, execute called,
 * outputs read back. Plain Java, no container: the engine calls it from a batch thread, tests call it directly.
 */
public final class BlockInvoker {
    /** The old file browser's name for a user's data folder, the first segment of the FILE paths it gave. */
    public static final String OLD_ROOT_NAME = "Home";

    private BlockInvoker() {
    }

    /**
     * @param values property texts from the workflow (missing ones take their default)
     * @param inputs every value that arrived on each input connector, in edge order
     * @throws BlockFailedException whatever the block threw, as a sentence for its stderr
     */
    public static Outcome invoke(BlockSpec spec, Map<String, String> values, Map<String, List<Object>> inputs,
                                 BlockContext context) {
        return invoke(spec, values, inputs, context, null);
    }

    /**
     * @param filesRoot the job owner's data folder, which FILE properties ({@code Path} fields) are resolved in;
     *                  null when there is none
     */
    public static Outcome invoke(BlockSpec spec, Map<String, String> values, Map<String, List<Object>> inputs,
                                 BlockContext context, Path filesRoot) {
        Object instance;
        try {
            instance = spec.constructor().newInstance();
        } catch (InvocationTargetException e) {
            throw failure(spec, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw failure(spec, e);
        }
        try {
            for (PropertySpec property : spec.properties()) {
                String text = values.get(property.name());
                if (text == null || text.isEmpty()) {
                    text = property.defaultValue();
                }
                if (!text.isEmpty()) {
                    Object value = Values.parse(text, property.type(), property.field().getType());
                    if (value instanceof Path relative) {
                        value = dataFile(property, relative, filesRoot);
                    }
                    property.field().set(instance, value);
                }
            }
            for (PortSpec input : spec.inputs()) {
                List<Object> arrived = inputs.getOrDefault(input.name(), List.of());
                if (input.takesElements()) {
                    input.field().set(instance, collection(input, arrived));
                } else if (input.isList()) {
                    input.field().set(instance, flattened(arrived));
                } else if (!arrived.isEmpty()) {
                    input.field().set(instance, Values.coerce(arrived.get(0), input.field().getType()));
                }
            }
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new BlockFailedException(spec.className() + ": could not set a field: " + e.getMessage());
        }

        Object returned;
        try {
            returned = spec.takesContext() ? spec.execute().invoke(instance, context) : spec.execute().invoke(instance);
        } catch (InvocationTargetException e) {
            throw failure(spec, e.getCause());
        } catch (IllegalAccessException e) {
            throw failure(spec, e);
        }

        Map<String, Object> outputs = new LinkedHashMap<>();
        try {
            for (PortSpec output : spec.outputs()) {
                outputs.put(output.name(), output.field().get(instance));
            }
        } catch (IllegalAccessException e) {
            throw failure(spec, e);
        }
        Object shown = returned != null ? returned
                : outputs.size() == 1 ? outputs.values().iterator().next() : null;
        return new Outcome(outputs, shown);
    }

    /**
     * What an array input receives as a list: each value, and each element's value of a whole collection, in order
     * (a list keeps no nulls, so an element without a value is left out).
     */
    private static List<Object> flattened(List<Object> arrived) {
        List<Object> values = new java.util.ArrayList<>();
        for (Object value : arrived) {
            if (value instanceof org.eegworkflow.sdk.Elements<?> collection) {
                collection.values().stream().filter(java.util.Objects::nonNull).forEach(values::add);
            } else if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** What an input of type {@code Elements} receives: the collection that arrived (or an empty one). */
    private static org.eegworkflow.sdk.Elements<?> collection(PortSpec input, List<Object> arrived) {
        for (Object value : arrived) {
            if (value instanceof org.eegworkflow.sdk.Elements<?> collection) {
                return collection;
            }
        }
        if (!arrived.isEmpty()) {
            throw new BlockFailedException("input '" + input.name() + "' takes a collection (one value per element"
                    + " of a study) but was fed a single value");
        }
        return org.eegworkflow.sdk.Elements.of(List.of());
    }

    /**
     * The file or folder a property's effective text names in the owner's data folder, as a run of the block would
     * receive it, for a property whose field is a {@code Path}; null for any other property, or when it names none.
     * The result cache hashes what it finds.
     */
    public static Path propertyFile(PropertySpec property, String text, Path filesRoot) {
        if (!Path.class.isAssignableFrom(property.field().getType()) || text == null || text.isEmpty()) {
            return null;
        }
        try {
            Object value = Values.parse(text, property.type(), property.field().getType());
            return value instanceof Path relative ? dataFile(property, relative, filesRoot) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A property's text as a run uses it: the workflow's, else the default. */
    public static String effectiveText(PropertySpec property, Map<String, String> values) {
        String text = values.get(property.name());
        return text == null || text.isEmpty() ? property.defaultValue() : text;
    }

    /**
     * A FILE property's file: inside the owner's data folder, even through symbolic links, and present. A path that
     * starts with {@code Home/} and names no file there is read without that first segment: {@code Home} is the old
     * file browser's name for the data folder (so its FILE values, and the old connector's, look like that).
     */
    private static Path dataFile(PropertySpec property, Path relative, Path filesRoot) {
        String missing = "property '" + property.name() + "': file '" + relative + "' is not among your data files";
        if (filesRoot == null) {
            throw new BlockFailedException(missing);
        }
        Path found = inside(filesRoot, relative);
        if (found == null && relative.getNameCount() > 1 && relative.getName(0).toString().equals(OLD_ROOT_NAME)) {
            found = inside(filesRoot, relative.subpath(1, relative.getNameCount()));
        }
        if (found == null) {
            throw new BlockFailedException(missing);
        }
        return found;
    }

    private static Path inside(Path filesRoot, Path relative) {
        Path file = filesRoot.resolve(relative).normalize();
        try {
            Path real = file.toRealPath();
            return file.startsWith(filesRoot) && real.startsWith(filesRoot.toRealPath()) ? real : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static BlockFailedException failure(BlockSpec spec, Throwable cause) {
        if (cause instanceof Error || !(cause instanceof Exception)) {
            // an Error's message ("Java heap space", a class name) is no reason a person can act on
            return new BlockFailedException(ErrorReasons.describe(cause, "this block", spec.memoryMb()), cause);
        }
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? cause.getClass().getName() : message;
        return new BlockFailedException(text, cause);
    }

    /**
     * What a block produced.
     *
     * @param outputs each output connector's value
     * @param shown   what the block shows: what execute returned (text, a Graph, a Table, a FileOutput), else its
     *                single output's value, else null
     */
    public record Outcome(Map<String, Object> outputs, Object shown) {

        /** The text the block shows when what it shows is a value, not a picture or a file. */
        public String display() {
            return shown == null ? null : Values.display(shown);
        }
    }
}
