package org.eegworkflow.sdk;

/**
 * The connector and property type names the engine knows. An output feeds an input of the same type, or of the array
 * form of that type ({@code NUMBER} feeds {@code NUMBER[]}). Modules may use their own type names too.
 */
public final class Types {
    public static final String NUMBER = "NUMBER";
    public static final String NUMBER_ARRAY = "NUMBER[]";
    public static final String STRING = "STRING";
    public static final String STRING_ARRAY = "STRING[]";
    public static final String BOOLEAN = "BOOLEAN";
    public static final String FILE = "FILE";
    public static final String FILE_ARRAY = "FILE[]";
    public static final String OBJECT = "OBJECT";

    private Types() {
    }

    /** True when an output of type {@code from} may feed an input of type {@code to}. */
    public static boolean compatible(String from, String to) {
        return from.equals(to) || to.equals(from + "[]");
    }
}
