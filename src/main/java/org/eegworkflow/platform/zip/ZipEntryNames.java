package org.eegworkflow.platform.zip;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Entry names an archive may carry: relative paths that stay inside the folder they are unpacked into. */
public final class ZipEntryNames {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    private ZipEntryNames() {
    }

    /** Refuses a name that could land outside the unpack folder on any platform ("zip slip"). */
    public static void check(ZipWording wording, String label, String name) {
        boolean escapes = name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || DRIVE.matcher(name).find();
        for (String segment : name.split("/")) {
            escapes |= segment.equals("..");
        }
        if (escapes) {
            throw wording.refuse(label + ": entry '" + name + "' is not a plain relative path (it is"
                    + " absolute, has a drive letter, a backslash or a '..' segment), so it could be written outside "
                    + wording.folder() + ": re-create the archive from a plain folder");
        }
    }

    /** Where an entry goes inside {@code dir}; checks again on the resolved path, in case a platform reads it oddly. */
    public static Path resolve(ZipWording wording, String label, Path dir, String name) {
        check(wording, label, name);
        Path dest = dir.resolve(name).normalize();
        if (!dest.startsWith(dir) || dest.equals(dir)) {
            throw wording.refuse(label + ": entry '" + name + "' resolves outside " + wording.folder()
                    + ": re-create the archive from a plain folder");
        }
        return dest;
    }
}
