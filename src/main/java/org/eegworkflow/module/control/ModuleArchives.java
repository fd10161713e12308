package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eegworkflow.platform.Folders;
import java.util.stream.Stream;

/**
 * Checks uploaded module archives and unpacks them. A module archive is either a JAR (its own classes, plus optional
 * dependency jars under {@code lib/} inside it) or a zip holding jars (each jar, at any depth, goes on the class path).
 * Nothing in the archive is loaded or run here: block and codec classes are found by searching class file bytes.
 */
public final class ModuleArchives {
    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,99})\\.(jar|zip)");

    private ModuleArchives() {
    }

    /**
     * The module name for an archive file name: {@code "Filters.jar"} gives {@code "Filters.jar:Filters"}.
     *
     * @throws InvalidModuleException for a name that is not a plain file name ending {@code .jar} or {@code .zip},
     *                                of letters, digits, '.', '-' and '_', starting with a letter or digit
     */
    public static String moduleName(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName == null ? "" : fileName);
        if (!m.matches()) {
            throw new InvalidModuleException("module archive name '" + fileName + "' is not allowed: name the file"
                    + " with letters, digits, '.', '-' or '_', starting with a letter or digit and ending in .jar or"
                    + " .zip, for example Filters.jar");
        }
        return fileName + ":" + m.group(1);
    }

    /**
     * Checks and unpacks an uploaded archive into {@code target}. On refusal {@code target} is deleted again, so
     * nothing is left.
     *
     * @param fileName the name the uploader gave the archive; see {@link #moduleName}
     * @param target   a folder that does not exist yet, or is empty
     * @throws InvalidModuleException   the archive is refused; the message says why, for the uploader
     * @throws IllegalArgumentException {@code target} exists and is not an empty folder (it is left alone)
     */
    public static UnpackedModule unpack(Path archive, String fileName, Path target, ArchiveLimits limits) {
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new IllegalArgumentException(target + " is not an empty folder: unpack each module version into a"
                    + " new one");
        }
        try {
            moduleName(fileName);
            return new Unpacking(archive, fileName, target, limits).run();
        } catch (RuntimeException | Error e) {
            delete(target, e);
            throw e;
        }
    }

    private static boolean isEmptyFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private static void delete(Path dir, Throwable failure) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Folders.deleteRecursively(dir);
        } catch (UncheckedIOException e) {
            // the refusal matters more to the caller; the leftover folder is reported alongside it
            failure.addSuppressed(e);
        }
    }

    /** The file in an unpacked module that records its class path, in order, so the module loads the same later. */
    static final String CLASS_PATH_FILE = "module-class-path.txt";

    /** Records an unpacked module's class path beside it, for {@link #reopen(Path)}. */
    public static void remember(UnpackedModule module) {
        StringBuilder lines = new StringBuilder();
        for (Path jar : module.jars()) {
            lines.append(module.dir().relativize(jar).toString().replace('\\', '/')).append('\n');
        }
        try {
            java.nio.file.Files.writeString(module.dir().resolve(CLASS_PATH_FILE), lines);
        } catch (java.io.IOException e) {
            throw new InvalidModuleException("cannot write the module's class path in " + module.dir(), e);
        }
    }

    /**
     * An unpacked module as a later start of the server finds it: the class path it recorded, and its candidate block
     * and codec classes found again (the archive was checked when it was uploaded).
     */
    public static UnpackedModule reopen(Path dir) {
        try {
            List<Path> jars = new java.util.ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(dir.resolve(CLASS_PATH_FILE))) {
                if (!line.isBlank()) {
                    jars.add(dir.resolve(line).normalize());
                }
            }
            List<String> blocks = new java.util.ArrayList<>();
            List<String> codecs = new java.util.ArrayList<>();
            for (Path jar : jars) {
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    for (var entries = file.entries(); entries.hasMoreElements(); ) {
                        var entry = entries.nextElement();
                        String className = EntryNames.className(entry.getName());
                        if (className == null) {
                            continue;
                        }
                        try (var in = file.getInputStream(entry)) {
                            ClassFileScan scan = ClassFileScan.of(in);
                            if (scan.mentionsBlockType()) {
                                blocks.add(className);
                            }
                            if (scan.mentionsValueCodec()) {
                                codecs.add(className);
                            }
                        }
                    }
                }
            }
            return new UnpackedModule(dir, jars, blocks, codecs);
        } catch (java.io.IOException e) {
            throw new InvalidModuleException("the unpacked module in " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }
}
