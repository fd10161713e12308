package org.eegworkflow.module.control;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Entry names an archive may carry: relative paths that stay inside the folder they are unpacked into. */
final class EntryNames {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    private EntryNames() {
    }

    /** Refuses a name that could land outside the unpack folder on any platform ("zip slip"). */
    static void check(String label, String name) {
        boolean escapes = name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || DRIVE.matcher(name).find();
        for (String segment : name.split("/")) {
            escapes |= segment.equals("..");
        }
        if (escapes) {
            throw new InvalidModuleException(label + ": entry '" + name + "' is not a plain relative path (it is"
                    + " absolute, has a drive letter, a backslash or a '..' segment), so it could be written outside"
                    + " the module's folder: re-create the archive from a plain folder");
        }
    }

    /** Where an entry goes inside {@code dir}; checks again on the resolved path, in case a platform reads it oddly. */
    static Path resolve(String label, Path dir, String name) {
        check(label, name);
        Path dest = dir.resolve(name).normalize();
        if (!dest.startsWith(dir) || dest.equals(dir)) {
            throw new InvalidModuleException(label + ": entry '" + name + "' resolves outside the module's folder:"
                    + " re-create the archive from a plain folder");
        }
        return dest;
    }

    /** The binary class name of a class file entry, or null for entries that hold no loadable class. */
    static String className(String name) {
        if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")
                || name.endsWith("package-info.class")) {
            return null;
        }
        return name.substring(0, name.length() - ".class".length()).replace('/', '.');
    }
}
