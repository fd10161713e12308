package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // the refusal matters more to the caller; the leftover folder is reported alongside it
            failure.addSuppressed(e);
        }
    }
}
