package org.eegworkflow.sdk;

import java.util.regex.Pattern;

/** The names a block may give the files it shows: letters, digits, dot, dash and underscore. */
final class Names {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private Names() {
    }

    static String check(String name) {
        if (name == null || !SAFE.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("file name '" + name + "' is not allowed: use 1 to 100 letters, digits,"
                    + " '.', '-' or '_', starting with a letter or digit");
        }
        return name;
    }
}
