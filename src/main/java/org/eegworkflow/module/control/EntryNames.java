package org.eegworkflow.module.control;

import java.nio.file.Path;

import org.eegworkflow.platform.zip.ZipEntryNames;
import org.eegworkflow.platform.zip.ZipWording;

/** Entry names an archive may carry: relative paths that stay inside the folder they are unpacked into. */
final class EntryNames {
    /** How the shared zip checks word their refusals for module authors. */
    static final ZipWording WORDING = new ZipWording("a zip or jar archive",
            "upload a .jar with the module's classes, or a .zip holding jars",
            "leave out what the module does not need", " (counting the jars inside)", "the module's folder",
            InvalidModuleException::new);

    private EntryNames() {
    }

    /** Refuses a name that could land outside the unpack folder on any platform ("zip slip"). */
    static void check(String label, String name) {
        ZipEntryNames.check(WORDING, label, name);
    }

    /** Where an entry goes inside {@code dir}; checks again on the resolved path, in case a platform reads it oddly. */
    static Path resolve(String label, Path dir, String name) {
        return ZipEntryNames.resolve(WORDING, label, dir, name);
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
