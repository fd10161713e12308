package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eegworkflow.platform.zip.ZipWalk;

/** One run of {@link ModuleArchives#unpack}: the checks, the files written and the classes found so far. */
final class Unpacking {
    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};

    private final Path archive;
    private final String fileName;
    private final Path dir;
    private final ArchiveLimits limits;
    private final ZipWalk.Budget budget;
    private final List<Path> jars = new ArrayList<>();
    private final Set<String> blockClasses = new LinkedHashSet<>();
    private final Set<String> codecClasses = new LinkedHashSet<>();

    Unpacking(Path archive, String fileName, Path target, ArchiveLimits limits) {
        this.archive = archive;
        this.fileName = fileName;
        this.dir = target.toAbsolutePath().normalize();
        this.limits = limits;
        this.budget = new ZipWalk.Budget(fileName);
    }

    UnpackedModule run() {
        try {
            checkFile();
            Files.createDirectories(dir);
            ZipWalk walk = ZipWalk.open(archive, fileName, limits.zip(), EntryNames.WORDING, budget);
            // a class file outside any jar makes the upload a jar itself; otherwise it is a zip of jars
            boolean isJar = walk.names().stream().anyMatch(name -> EntryNames.className(name) != null);
            List<Path> inner = isJar ? unpackJar(walk) : unpackZip(walk);
            inner.sort(null);
            for (Path jar : inner) {
                String label = fileName + "!/" + dir.relativize(jar).toString().replace('\\', '/');
                ZipWalk.open(jar, label, limits.zip(), EntryNames.WORDING, budget).stream((name, directory, data) -> {
                    if (!directory) {
                        classPathEntry(label, name, data);
                    }
                });
                jars.add(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + fileName + " into " + dir, e);
        }
        if (blockClasses.isEmpty()) {
            throw new InvalidModuleException(fileName + ": no class carries @BlockType: a module needs at least one"
                    + " block class annotated @org.eegworkflow.sdk.BlockType, in the jar or in a jar inside the zip");
        }
        return new UnpackedModule(dir, jars, List.copyOf(blockClasses), List.copyOf(codecClasses));
    }

    private void checkFile() throws IOException {
        long size = Files.size(archive);
        if (size > limits.maxArchiveBytes()) {
            throw new InvalidModuleException(fileName + " is " + ZipWalk.bytes(size) + ", more than the limit of "
                    + ZipWalk.bytes(limits.maxArchiveBytes()) + ": leave out what the module does not need");
        }
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(archive)) {
            read = in.readNBytes(magic, 0, magic.length);
        }
        if (read < magic.length || !(Arrays.equals(magic, LOCAL_HEADER) || Arrays.equals(magic, EMPTY_ARCHIVE))) {
            throw new InvalidModuleException(fileName + " is not a zip or jar archive: upload a .jar with the"
                    + " module's classes, or a .zip holding jars");
        }
    }

    /** The upload itself goes on the class path, copied whole; jars under {@code lib/} are unpacked beside it. */
    private List<Path> unpackJar(ZipWalk walk) throws IOException {
        List<Path> libs = new ArrayList<>();
        walk.stream((name, directory, data) -> {
            if (directory) {
                return;
            }
            if (name.startsWith("lib/") && isJar(name)) {
                libs.add(extract(fileName, name, data));
            } else {
                classPathEntry(fileName, name, data);
            }
        });
        // a plain file name, checked by moduleName, so it cannot clash with lib/
        Path self = dir.resolve(fileName);
        Files.copy(archive, self);
        jars.add(self);
        return libs;
    }

    /** Every entry is unpacked; the jars among them, at any depth, make the class path. */
    private List<Path> unpackZip(ZipWalk walk) {
        List<Path> inner = new ArrayList<>();
        walk.stream((name, directory, data) -> {
            if (directory) {
                Path folder = EntryNames.resolve(fileName, dir, name);
                try {
                    Files.createDirectories(folder);
                } catch (FileAlreadyExistsException e) {
                    throw clash(fileName, name);
                }
            } else {
                Path file = extract(fileName, name, data);
                if (isJar(name)) {
                    inner.add(file);
                }
            }
        });
        return inner;
    }

    /** An entry of a jar on the class path: classes are searched, and what would steer the loader is checked. */
    private void classPathEntry(String label, String name, InputStream data) throws IOException {
        String className = EntryNames.className(name);
        if (className != null) {
            ClassFileScan scan = ClassFileScan.of(data);
            if (scan.mentionsBlockType()) {
                blockClasses.add(className);
            }
            if (scan.mentionsValueCodec()) {
                codecClasses.add(className);
            }
        } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
            ManifestCheck.check(label, data);
        } else if (name.equalsIgnoreCase("META-INF/INDEX.LIST")) {
            // a jar index names other jars for the loader to open, relative to this one, '..' included
            throw new InvalidModuleException(label + " has a META-INF/INDEX.LIST, which could point the class loader"
                    + " outside the module: build the jar without an index (no 'jar -i')");
        }
    }

    private Path extract(String label, String name, InputStream data) throws IOException {
        Path file = EntryNames.resolve(label, dir, name);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(data, file);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw clash(label, name);
        }
        return file;
    }

    private static InvalidModuleException clash(String label, String name) {
        return new InvalidModuleException(label + ": entry '" + name + "' clashes with another entry of the same path"
                + " (a file where a folder is, or names differing only in case): rename one");
    }

    private static boolean isJar(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
