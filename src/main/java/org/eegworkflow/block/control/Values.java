package org.eegworkflow.block.control;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eegworkflow.platform.Jsons;

/** Converts property text to Java values and values to the text a block shows. */
public final class Values {
    private Values() {
    }

    /** The Java types a property field may have. */
    public static boolean isPropertyFieldType(Class<?> type) {
        return type == double.class || type == Double.class || type == int.class || type == Integer.class
                || type == long.class || type == Long.class || type == boolean.class || type == Boolean.class
                || type == String.class || type == float.class || type == Float.class || type.isEnum()
                || type == List.class || type == Path.class;
    }

    /** The choices of an enum property, in declaration order; empty for any other type. */
    public static List<String> choices(Class<?> type) {
        return type.isEnum() ? Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()
                : List.of();
    }

    /**
     * The relative path a FILE property names, checked: never absolute, never with {@code ..}.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static Path relativeFile(String text) {
        String value = text.trim().replace('\\', '/');
        if (value.isEmpty() || value.startsWith("/") || value.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("must be a path relative to your data folder");
        }
        Path path = Path.of(value).normalize();
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("must stay inside your data folder (no '..')");
            }
        }
        return path;
    }

    /**
     * Parses a property's text for a field of the given Java type.
     *
     * @throws IllegalArgumentException with a sentence saying what was expected
     */
    public static Object parse(String text, String apiType, Class<?> javaType) {
        String value = text.trim();
        if (javaType == String.class) {
            return text;
        }
        if (javaType.isEnum()) {
            for (Object constant : javaType.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + choices(javaType));
        }
        if (javaType == List.class) {
            return stringList(value);
        }
        if (javaType == Path.class) {
            return relativeFile(value);
        }
        if ((javaType == Double.class || javaType == Float.class || javaType == Integer.class
                || javaType == Long.class) && (value.equalsIgnoreCase("none") || value.equalsIgnoreCase("null"))) {
            // an optional number left unset; the old system wrote Python's None
            return null;
        }
        if (javaType == boolean.class || javaType == Boolean.class) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("must be true or false");
        }
        try {
            if (javaType == int.class || javaType == Integer.class) {
                return Integer.parseInt(value);
            }
            if (javaType == long.class || javaType == Long.class) {
                return Long.parseLong(value);
            }
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number) || value.toLowerCase(Locale.ROOT).contains("x")) {
                throw new NumberFormatException();
            }
            return javaType == float.class || javaType == Float.class ? (Object) (float) number : (Object) number;
        } catch (NumberFormatException e) {
            String what = javaType == int.class || javaType == Integer.class || javaType == long.class
                    || javaType == Long.class ? "a whole number" : "a number";
            throw new IllegalArgumentException("must be " + what + " (" + apiType + ")");
        }
    }

    /** A JSON array of strings, or text separated by commas. */
    static List<String> stringList(String value) {
        if (value.startsWith("[")) {
            try (JsonReader reader = Jsons.PROVIDER.createReader(new StringReader(value))) {
                JsonArray array = reader.readArray();
                List<String> items = new ArrayList<>();
                for (JsonValue item : array) {
                    if (!(item instanceof JsonString text)) {
                        throw new IllegalArgumentException("must be a JSON array of strings");
                    }
                    items.add(text.getString());
                }
                return List.copyOf(items);
            } catch (JsonException e) {
                throw new IllegalArgumentException("must be a JSON array of strings or text separated by commas");
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                // the JSON-P implementation's limits (nesting depth) surface as plain runtime exceptions
                throw new IllegalArgumentException("must be a JSON array of strings (not nested) or text separated"
                        + " by commas");
            }
        }
        return value.isEmpty() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Converts a value arriving over an edge to what the input field holds. */
    public static Object coerce(Object value, Class<?> javaType) {
        if (value instanceof Number n) {
            if (javaType == int.class || javaType == Integer.class) {
                return n.intValue();
            }
            if (javaType == long.class || javaType == Long.class) {
                return n.longValue();
            }
            if (javaType == double.class || javaType == Double.class) {
                return n.doubleValue();
            }
            if (javaType == float.class || javaType == Float.class) {
                return n.floatValue();
            }
        }
        if (javaType == String.class && value != null && !(value instanceof String)) {
            return display(value);
        }
        return value;
    }

    /** The text a block shows for a value: whole numbers without a trailing {@code .0}. */
    public static String display(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Values::display).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }
}
