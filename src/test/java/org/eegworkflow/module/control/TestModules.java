package org.eegworkflow.module.control;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.eegworkflow.sdk.BlockType;

/**
 * Builds module archives at test time: Java source strings compiled against the SDK (and the rest of the test run's
 * class path, so a source may reach for server classes it must not see at run time), packed into jars, jars nested
 * under {@code lib/} or wrapped in a zip, and raw entries with any name for the refusal cases.
 *
 * <pre>{@code
 * Path dep = TestModules.archive().sources(GREETING).writeJar(tmp.resolve("greeting.jar"));
 * Path module = TestModules.archive().classPath(dep).sources(HELLO).lib(dep).writeJar(tmp.resolve("Hello.jar"));
 * Path zip = TestModules.archive().file("jars/Hello.jar", module).writeZip(tmp.resolve("Hello.zip"));
 * }</pre>
 */
public final class TestModules {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+(\\w+)");

    private TestModules() {
    }

    /** A new, empty archive to fill. */
    public static Archive archive() {
        return new Archive();
    }

    /**
     * Compiles Java sources (each one top-level type) against the test run's class path and {@code classPath}.
     *
     * @return the class files by entry name, for example {@code "com/example/Doubler.class"}
     */
    public static Map<String, byte[]> compile(List<Path> classPath, String... sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
        }
        Path out = null;
        try {
            out = Files.createTempDirectory("test-module-classes");
            List<JavaFileObject> units = new ArrayList<>();
            for (String source : sources) {
                units.add(new Source(source));
            }
            List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8",
                    "-classpath", searchPath(classPath), "-d", out.toString());
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                    StandardCharsets.UTF_8)) {
                if (!compiler.getTask(null, files, diagnostics, options, null, units).call()) {
                    throw new IllegalStateException("test module sources do not compile:\n" + diagnostics
                            .getDiagnostics().stream().map(Object::toString).collect(Collectors.joining("\n")));
                }
            }
            return classFiles(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(out);
        }
    }

    /** Compiles against the test run's class path only. */
    public static Map<String, byte[]> compile(String... sources) {
        return compile(List.of(), sources);
    }

    private static String searchPath(List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        extra.forEach(p -> entries.add(p.toString()));
        entries.addAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        try {
            // the SDK itself, in case the test runner hides the class path behind a manifest-only jar
            entries.add(Path.of(BlockType.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Map<String, byte[]> classFiles(Path out) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(out)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                classes.put(out.relativize(path).toString().replace(File.separatorChar, '/'), Files.readAllBytes(path));
            }
        }
        return classes;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java source held in a string, named after its package and first type as javac insists. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String code) {
            super(uri(code), Kind.SOURCE);
            this.code = code;
        }

        private static URI uri(String code) {
            Matcher pkg = PACKAGE.matcher(code);
            Matcher type = TYPE.matcher(code);
            if (!type.find()) {
                throw new IllegalArgumentException("no class, interface, enum or record in:\n" + code);
            }
            String path = (pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "") + type.group(1);
            return URI.create("string:///" + path + Kind.SOURCE.extension);
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /** The entries of one archive, in the order they are written. */
    public static final class Archive {
        private final List<Path> classPath = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private final Manifest manifest = new Manifest();

        private Archive() {
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        }

        /** Jars the following {@link #sources} compile against (not added to the archive; see {@link #lib}). */
        public Archive classPath(Path... jars) {
            classPath.addAll(List.of(jars));
            return this;
        }

        /** Compiles the sources and adds every class file they make. */
        public Archive sources(String... sources) {
            return classes(compile(classPath, sources));
        }

        /** Adds class files by entry name, as {@link TestModules#compile} returns them. */
        public Archive classes(Map<String, byte[]> classFiles) {
            classFiles.forEach(this::file);
            return this;
        }

        /** Adds a jar as {@code lib/<its file name>}, where a jar module keeps its dependencies. */
        public Archive lib(Path jar) {
            return file("lib/" + jar.getFileName(), jar);
        }

        /** Adds an entry with any name at all, compressed. */
        public Archive file(String name, byte[] content) {
            entries.add(new Entry(name, content, ZipEntry.DEFLATED));
            return this;
        }

        /** Adds a file's bytes as an entry with any name at all, compressed. */
        public Archive file(String name, Path file) {
            try {
                return file(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Adds an entry with any name at all, stored without compression. */
        public Archive stored(String name, byte[] content) {
            entries.add(new Entry(name, content, ZipEntry.STORED));
            return this;
        }

        /** Sets a main attribute of the manifest {@link #writeJar} writes, for example {@code Class-Path}. */
        public Archive manifest(String attribute, String value) {
            manifest.getMainAttributes().putValue(attribute, value);
            return this;
        }

        /** Writes a jar: the manifest first, then the entries. */
        public Path writeJar(Path file) {
            try (OutputStream out = Files.newOutputStream(file);
                 JarOutputStream jar = new JarOutputStream(out, manifest)) {
                writeEntries(jar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        /** Writes a plain zip of the entries, without a manifest. */
        public Path writeZip(Path file) {
            try (OutputStream out = Files.newOutputStream(file);
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                writeEntries(zip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        private void writeEntries(ZipOutputStream zip) throws IOException {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name);
                zipEntry.setMethod(entry.method);
                if (entry.method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.content);
                    zipEntry.setSize(entry.content.length);
                    zipEntry.setCompressedSize(entry.content.length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.content);
                zip.closeEntry();
            }
        }

        private record Entry(String name, byte[] content, int method) {
        }
    }
}
