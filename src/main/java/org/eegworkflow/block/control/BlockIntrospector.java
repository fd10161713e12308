package org.eegworkflow.block.control;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;

/**
 * Reads a block class's SDK annotations into a {@link BlockSpec}, refusing misuse with a message that names the class,
 * the member and the fix.
 */
public final class BlockIntrospector {
    private static final Pattern CARDINALITY = Pattern.compile("(\\d+)-(\\d+|\\*)");

    private BlockIntrospector() {
    }

    public static BlockSpec describe(String module, Class<?> type) {
        String cls = type.getName();
        BlockType blockType = type.getAnnotation(BlockType.class);
        if (blockType == null) {
            throw new BlockDefinitionException(cls + " is not a block: annotate the class with @BlockType");
        }
        if (blockType.name().isBlank()) {
            throw new BlockDefinitionException(cls + ": @BlockType(name) is empty: give the block type a name");
        }
        if (blockType.memoryMb() < 0) {
            throw new BlockDefinitionException(cls + ": @BlockType(memoryMb = " + blockType.memoryMb()
                    + ") is negative: declare the megabytes of heap the block needs, or leave it out");
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new BlockDefinitionException(cls + " is abstract: a block class must be concrete");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new BlockDefinitionException(cls + " has no no-argument constructor: add a public one");
        }

        List<PortSpec> inputs = new ArrayList<>();
        List<PortSpec> outputs = new ArrayList<>();
        List<PropertySpec> properties = new ArrayList<>();
        // an edge names its ends as [name, "output" | "input"], so an input and an output may share a name (the old
        // EEG blocks have both an input and an output called Model); two inputs or two outputs may not
        Set<String> inputNames = new HashSet<>();
        Set<String> outputNames = new HashSet<>();
        Set<String> propertyNames = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                String member = cls + "." + field.getName();
                int annotations = (field.isAnnotationPresent(BlockInput.class) ? 1 : 0)
                        + (field.isAnnotationPresent(BlockOutput.class) ? 1 : 0)
                        + (field.isAnnotationPresent(BlockProperty.class) ? 1 : 0);
                if (annotations == 0) {
                    continue;
                }
                if (annotations > 1) {
                    throw new BlockDefinitionException(member
                            + " carries more than one of @BlockInput, @BlockOutput, @BlockProperty: keep one");
                }
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                    throw new BlockDefinitionException(member + " is static or final: connectors and properties"
                            + " must be plain instance fields");
                }
                field.setAccessible(true);
                BlockInput in = field.getAnnotation(BlockInput.class);
                BlockOutput out = field.getAnnotation(BlockOutput.class);
                BlockProperty prop = field.getAnnotation(BlockProperty.class);
                if (in != null) {
                    unique(inputNames, in.name(), member, "input");
                    int[] card = cardinality(in.cardinality(), member);
                    if (card[1] > 1 && !List.class.isAssignableFrom(field.getType())) {
                        throw new BlockDefinitionException(member + " accepts up to "
                                + (card[1] == PortSpec.UNBOUNDED ? "any number of" : card[1])
                                + " connections but is a " + field.getType().getSimpleName()
                                + ": declare it as java.util.List to receive every value");
                    }
                    if (org.eegworkflow.sdk.Elements.class.isAssignableFrom(field.getType())
                            && (!in.type().endsWith("[]") || card[1] != 1)) {
                        throw new BlockDefinitionException(member + " is an Elements: its input must take an array"
                                + " type (\"" + in.type() + "[]\") and one connection (cardinality 1-1 or 0-1)");
                    }
                    inputs.add(new PortSpec(in.name(), in.type(), card[0], card[1], in.description(), field));
                } else if (out != null) {
                    unique(outputNames, out.name(), member, "output");
                    if (out.collection() != org.eegworkflow.sdk.Elements.class.isAssignableFrom(field.getType())) {
                        throw new BlockDefinitionException(member + (out.collection()
                                ? " is a collection output but a " + field.getType().getSimpleName()
                                + ": declare it as org.eegworkflow.sdk.Elements"
                                : " is an Elements: mark the output @BlockOutput(collection = true)"));
                    }
                    outputs.add(new PortSpec(out.name(), out.type(), 0, PortSpec.UNBOUNDED, out.description(), field,
                            out.collection()));
                } else {
                    unique(propertyNames, prop.name(), member, "property");
                    if (!Values.isPropertyFieldType(field.getType())) {
                        throw new BlockDefinitionException(member + " is a " + field.getType().getName()
                                + ", which the SDK cannot fill from a property: use double, int, long, boolean,"
                                + " String, List<String>, an enum or java.nio.file.Path");
                    }
                    if (!prop.defaultValue().isEmpty()) {
                        try {
                            Values.parse(prop.defaultValue(), prop.type(), field.getType());
                        } catch (IllegalArgumentException e) {
                            throw new BlockDefinitionException(member + ": defaultValue '" + prop.defaultValue()
                                    + "' " + e.getMessage() + ": fix the default");
                        }
                    }
                    properties.add(new PropertySpec(prop.name(), prop.type(), prop.defaultValue(),
                            prop.description(), field));
                }
            }
        }

        Method execute = null;
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(BlockExecute.class)) {
                if (execute != null) {
                    throw new BlockDefinitionException(cls + " has two @BlockExecute methods (" + execute.getName()
                            + ", " + method.getName() + "): keep one");
                }
                execute = method;
            }
        }
        if (execute == null) {
            throw new BlockDefinitionException(cls + " has no public @BlockExecute method: add one, for example"
                    + " 'public void execute()'");
        }
        Class<?>[] params = execute.getParameterTypes();
        boolean takesContext = params.length == 1 && params[0] == BlockContext.class;
        if (params.length > 1 || (params.length == 1 && !takesContext)) {
            throw new BlockDefinitionException(cls + "." + execute.getName()
                    + " takes parameters the engine cannot supply: take none or one BlockContext");
        }
        return new BlockSpec(module, blockType.name(), blockType.family(), blockType.description(), constructor,
                List.copyOf(inputs), List.copyOf(outputs), List.copyOf(properties), execute, takesContext,
                blockType.memoryMb(), blockType.cacheable());
    }

    private static void unique(Set<String> names, String name, String member, String what) {
        if (name.isBlank()) {
            throw new BlockDefinitionException(member + ": the " + what + " name is empty: give it a name");
        }
        if (!names.add(name)) {
            throw new BlockDefinitionException(member + ": another " + what + " of this block is already named '"
                    + name + "': rename one");
        }
    }

    private static int[] cardinality(String text, String member) {
        Matcher m = CARDINALITY.matcher(text.trim());
        if (!m.matches()) {
            throw new BlockDefinitionException(member + ": cardinality '" + text
                    + "' is not 'min-max' (for example \"1-1\", \"0-1\", \"1-*\")");
        }
        int min = Integer.parseInt(m.group(1));
        int max = m.group(2).equals("*") ? PortSpec.UNBOUNDED : Integer.parseInt(m.group(2));
        if (max < min || max == 0) {
            throw new BlockDefinitionException(member + ": cardinality '" + text + "' allows no connection");
        }
        return new int[] {min, max};
    }
}
