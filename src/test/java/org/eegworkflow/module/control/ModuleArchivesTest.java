package org.eegworkflow.module.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleArchivesTest {
    static final String DOUBLER = """
            package com.example.filters;

            import org.eegworkflow.sdk.*;

            @BlockType(name = "Doubler", family = "Math", description = "Multiplies a number by a factor")
            public class Doubler {
                @BlockInput(name = "x", type = Types.NUMBER)
                double x;

                @BlockOutput(name = "y", type = Types.NUMBER)
                double y;

                @BlockProperty(name = "factor", type = Types.NUMBER, defaultValue = "2")
                double factor;

                @BlockExecute
                public void run() {
                    y = x * factor;
                }
            }
            """;
    static final String GREETER = """
            package com.example.filters;

            import org.eegworkflow.sdk.*;

            @BlockType(name = "Greeter")
            public class Greeter {
                @BlockOutput(name = "text", type = Types.STRING)
                String text;

                @BlockExecute
                public void run() {
                    text = "hello";
                }
            }
            """;
    /** Mentions the annotation in a method signature without being a block. */
    static final String HELPER = """
            package com.example.filters;

            public class Helper {
                public static String nameOf(org.eegworkflow.sdk.BlockType type) {
                    return type.name();
                }
            }
            """;
    static final String PLAIN = """
            package com.example.plain;

            public class Plain {
            }
            """;

    @TempDir
    Path tmp;

    private Path target() {
        return tmp.resolve("unpacked");
    }

    private Path filtersJar() {
        return TestModules.archive().sources(DOUBLER, GREETER, HELPER).writeJar(tmp.resolve("Filters.jar"));
    }

    @Test
    void moduleNameIsArchiveAndBaseName() {
        assertEquals("Filters.jar:Filters", ModuleArchives.moduleName("Filters.jar"));
        assertEquals("My-Blocks_2.zip:My-Blocks_2", ModuleArchives.moduleName("My-Blocks_2.zip"));
        assertEquals("eeg.tools-1.0.jar:eeg.tools-1.0", ModuleArchives.moduleName("eeg.tools-1.0.jar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../x.jar", "x.exe", "dir/x.jar", "C:\\x.jar", ".jar", ".hidden.jar", "x y.jar",
            "x.jar.exe", "Ü.jar"})
    void moduleNameRefusesAnythingButAPlainJarOrZipName(String fileName) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> ModuleArchives.moduleName(fileName));
        assertTrue(e.getMessage().contains("'" + fileName + "' is not allowed"), e.getMessage());
        assertThrows(InvalidModuleException.class, () -> ModuleArchives.moduleName(null));
    }

    @Test
    void aJarIsItsOwnClassPathAndItsBlockCandidatesAreFound() {
        UnpackedModule module = ModuleArchives.unpack(filtersJar(), "Filters.jar", target(), ArchiveLimits.defaults());

        assertEquals(target().toAbsolutePath(), module.dir());
        assertEquals(List.of(module.dir().resolve("Filters.jar")), module.jars());
        assertEquals(List.of("com.example.filters.Doubler", "com.example.filters.Greeter",
                "com.example.filters.Helper"), module.blockClasses());
        assertEquals(List.of(), module.codecClasses());
    }

    @Test
    void aJarsLibFolderJoinsTheClassPath() {
        Path dep = TestModules.archive().sources(ModuleLoaderTest.greeting("v1")).writeJar(tmp.resolve("greeting.jar"));
        Path jar = TestModules.archive().classPath(dep).sources(ModuleLoaderTest.HELLO).lib(dep)
                .writeJar(tmp.resolve("Hello.jar"));

        UnpackedModule module = ModuleArchives.unpack(jar, "Hello.jar", target(), ArchiveLimits.defaults());

        assertEquals(List.of(module.dir().resolve("Hello.jar"), module.dir().resolve("lib/greeting.jar")),
                module.jars());
        assertEquals(List.of("com.example.hello.Hello"), module.blockClasses());
    }

    @Test
    void everyJarInAZipJoinsTheClassPath() {
        Path one = TestModules.archive().sources(DOUBLER).writeJar(tmp.resolve("one.jar"));
        Path two = TestModules.archive().sources(GREETER).writeJar(tmp.resolve("two.jar"));
        Path zip = TestModules.archive().file("readme.txt", "two jars".getBytes(StandardCharsets.UTF_8))
                .file("jars/deep/two.jar", two).file("one.jar", one).writeZip(tmp.resolve("Both.zip"));

        UnpackedModule module = ModuleArchives.unpack(zip, "Both.zip", target(), ArchiveLimits.defaults());

        assertEquals(List.of(module.dir().resolve("jars/deep/two.jar"), module.dir().resolve("one.jar")),
                module.jars());
        assertEquals(List.of("com.example.filters.Greeter", "com.example.filters.Doubler"), module.blockClasses());
        assertTrue(Files.exists(module.dir().resolve("readme.txt")));
    }

    @Test
    void codecCandidatesAreFound() {
        Path jar = TestModules.archive().sources(ModuleLoaderTest.SPECTRUM_CODEC, ModuleLoaderTest.SPECTRUM_SOURCE)
                .writeJar(tmp.resolve("Spectra.jar"));

        UnpackedModule module = ModuleArchives.unpack(jar, "Spectra.jar", target(), ArchiveLimits.defaults());

        assertEquals(List.of("com.example.spectra.SpectrumSource"), module.blockClasses());
        // the block mentions ValueCodec too (it holds one): the loader sorts candidates from codecs
        assertEquals(List.of("com.example.spectra.SpectrumCodec", "com.example.spectra.SpectrumSource"),
                module.codecClasses());
    }

    @Test
    void aTargetThatHoldsFilesIsLeftAlone() throws IOException {
        Files.createDirectories(target());
        Path kept = Files.writeString(target().resolve("kept.txt"), "mine");

        assertThrows(IllegalArgumentException.class,
                () -> ModuleArchives.unpack(filtersJar(), "Filters.jar", target(), ArchiveLimits.defaults()));
        assertTrue(Files.exists(kept));
    }

    @Test
    void anEmptyTargetIsUsed() throws IOException {
        Files.createDirectories(target());
        UnpackedModule module = ModuleArchives.unpack(filtersJar(), "Filters.jar", target(), ArchiveLimits.defaults());
        assertEquals(3, module.blockClasses().size());
    }

    // ---- refusals: each names the problem, and leaves no folder behind

    private String refused(Path archive, String fileName, ArchiveLimits limits) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> ModuleArchives.unpack(archive, fileName, target(), limits));
        assertFalse(Files.exists(target()), "the refused archive's folder is gone");
        return e.getMessage();
    }

    private String refused(Path archive, ArchiveLimits limits) {
        return refused(archive, archive.getFileName().toString(), limits);
    }

    private String refused(Path archive) {
        return refused(archive, ArchiveLimits.defaults());
    }

    private static ArchiveLimits limits(long archiveBytes, int entries, long unpackedBytes, int ratio) {
        return new ArchiveLimits(archiveBytes, entries, unpackedBytes, ratio);
    }

    @Test
    void refusesWhatIsNotAZip() throws IOException {
        Path text = Files.writeString(tmp.resolve("Filters.jar"), "just some text, no zip at all");
        assertEquals("Filters.jar is not a zip or jar archive: upload a .jar with the module's classes, or a .zip"
                + " holding jars", refused(text));
        assertTrue(refused(Files.write(tmp.resolve("Empty.jar"), new byte[0])).contains("not a zip or jar archive"));
    }

    @Test
    void refusesATruncatedArchive() throws IOException {
        byte[] whole = Files.readAllBytes(filtersJar());
        Path truncated = Files.write(tmp.resolve("Cut.jar"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrue(refused(truncated).startsWith("Cut.jar is not a zip or jar archive ("));
    }

    @Test
    void refusesABadFileNameBeforeLookingInside() {
        assertTrue(refused(filtersJar(), "../Filters.jar", ArchiveLimits.defaults()).contains("is not allowed"));
    }

    @Test
    void refusesAnArchiveWithoutBlocks() {
        Path jar = TestModules.archive().sources(PLAIN).writeJar(tmp.resolve("Plain.jar"));
        assertTrue(refused(jar).startsWith("Plain.jar: no class carries @BlockType"));
        Path zip = TestModules.archive().file("Plain.jar", jar).writeZip(tmp.resolve("Plain.zip"));
        assertTrue(refused(zip).startsWith("Plain.zip: no class carries @BlockType"));
        Path noJars = TestModules.archive().file("readme.txt", new byte[10]).writeZip(tmp.resolve("Nothing.zip"));
        assertTrue(refused(noJars).startsWith("Nothing.zip: no class carries @BlockType"));
    }

    @Test
    void refusesAnArchiveOverTheSizeLimit() throws IOException {
        Path jar = filtersJar();
        long size = Files.size(jar);
        assertEquals("Filters.jar is " + size + " bytes, more than the limit of " + (size - 1)
                        + " bytes: leave out what the module does not need",
                refused(jar, limits(size - 1, 100, 1 << 20, 100)));
    }

    @Test
    void refusesTooManyEntries() {
        TestModules.Archive archive = TestModules.archive().sources(DOUBLER);
        for (int i = 0; i < 10; i++) {
            archive.file("data/" + i + ".txt", new byte[] {1});
        }
        Path jar = archive.writeJar(tmp.resolve("Many.jar"));
        assertEquals("Many.jar has more than 5 entries, the limit: leave out what the module does not need",
                refused(jar, limits(1 << 20, 5, 1 << 20, 100)));
    }

    @Test
    void refusesTooManyEntriesInANestedJar() {
        TestModules.Archive inner = TestModules.archive().sources(DOUBLER);
        for (int i = 0; i < 10; i++) {
            inner.file("data/" + i + ".txt", new byte[] {1});
        }
        Path zip = TestModules.archive().file("Many.jar", inner.writeJar(tmp.resolve("Many.jar")))
                .writeZip(tmp.resolve("Many.zip"));
        assertTrue(refused(zip, limits(1 << 20, 5, 1 << 20, 100)).startsWith("Many.zip!/Many.jar has more than 5"));
    }

    @Test
    void refusesAnArchiveThatUnpacksOverTheLimit() {
        byte[] noise = new byte[300_000];
        new Random(1).nextBytes(noise);
        Path jar = TestModules.archive().sources(DOUBLER).file("noise.bin", noise).writeJar(tmp.resolve("Big.jar"));
        assertEquals("Big.jar unpacks to more than 200000 bytes (counting the jars inside), the limit: leave out what"
                + " the module does not need", refused(jar, limits(1 << 20, 100, 200_000, 100)));
    }

    @Test
    void theUnpackLimitCountsTheJarsInsideAndNamesTheUpload() {
        byte[] noise = new byte[300_000];
        new Random(2).nextBytes(noise);
        Path inner = TestModules.archive().sources(DOUBLER).stored("noise.bin", noise).writeJar(tmp.resolve("big.jar"));
        Path zip = TestModules.archive().stored("big.jar", readAll(inner)).writeZip(tmp.resolve("Big.zip"));
        // the zip alone unpacks to about 300 kB, within the limit; its jar's entries add as much again
        assertTrue(refused(zip, limits(1 << 20, 100, 400_000, 100)).startsWith("Big.zip unpacks to more than 400000"));
    }

    @Test
    void refusesAZipBomb() {
        Path jar = TestModules.archive().sources(DOUBLER).file("zeros.bin", new byte[10 << 20])
                .writeJar(tmp.resolve("Bomb.jar"));
        assertEquals("Bomb.jar: entry 'zeros.bin' unpacks to more than 100 times its packed size, the limit, as a zip"
                + " bomb does: leave it out, or store it compressed less", refused(jar));
    }

    @Test
    void refusesAZipBombInsideANestedJar() {
        Path inner = TestModules.archive().sources(DOUBLER).file("zeros.bin", new byte[10 << 20])
                .writeJar(tmp.resolve("bomb.jar"));
        // stored, so the outer zip's own ratio is harmless and only the nested check can catch it
        Path zip = TestModules.archive().stored("lib/bomb.jar", readAll(inner)).writeZip(tmp.resolve("Bomb.zip"));
        assertTrue(refused(zip).startsWith("Bomb.zip!/lib/bomb.jar: entry 'zeros.bin' unpacks to more than 100 times"));
    }

    @Test
    void smallRepetitiveFilesAreNoBomb() {
        Path jar = TestModules.archive().sources(DOUBLER).file("zeros.bin", new byte[60_000])
                .writeJar(tmp.resolve("Fine.jar"));
        ModuleArchives.unpack(jar, "Fine.jar", target(), ArchiveLimits.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.class", "a/../../evil.class", "/abs.class", "C:\\x.class", "C:/x.class",
            "c:x.class", "lib\\x.jar", "..", "a/.."})
    void refusesEntriesThatEscapeTheFolder(String name) {
        Path jar = TestModules.archive().sources(DOUBLER).file(name, new byte[] {1, 2, 3})
                .writeJar(tmp.resolve("Slip.jar"));
        assertEquals("Slip.jar: entry '" + name + "' is not a plain relative path (it is absolute, has a drive letter,"
                + " a backslash or a '..' segment), so it could be written outside the module's folder: re-create"
                + " the archive from a plain folder", refused(jar));

        Path zip = TestModules.archive().file("One.jar", TestModules.archive().sources(DOUBLER)
                .writeJar(tmp.resolve("One.jar"))).file(name, new byte[] {1}).writeZip(tmp.resolve("Slip.zip"));
        assertTrue(refused(zip).startsWith("Slip.zip: entry '" + name + "' is not a plain relative path"));
    }

    @Test
    void refusesEscapingEntriesInsideANestedJar() {
        Path inner = TestModules.archive().sources(DOUBLER).file("../../evil.class", new byte[] {1})
                .writeJar(tmp.resolve("inner.jar"));
        Path zip = TestModules.archive().file("inner.jar", inner).writeZip(tmp.resolve("Slip.zip"));
        assertTrue(refused(zip).startsWith("Slip.zip!/inner.jar: entry '../../evil.class' is not a plain relative"));
    }

    @Test
    void refusesEntriesThatClash() {
        Path one = TestModules.archive().sources(DOUBLER).writeJar(tmp.resolve("one.jar"));
        Path zip = TestModules.archive().file("one.jar", one).file("one.jar/two.jar", one)
                .writeZip(tmp.resolve("Clash.zip"));
        assertTrue(refused(zip).startsWith("Clash.zip: entry 'one.jar/two.jar' clashes with another entry"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../server/lib/internal.jar", "lib/ok.jar /etc/x.jar", "file:/opt/x.jar",
            "%2e%2e/x.jar", "C:/x.jar"})
    void refusesAManifestClassPathThatLeavesTheModule(String classPath) {
        Path jar = TestModules.archive().sources(DOUBLER).manifest("Class-Path", classPath)
                .writeJar(tmp.resolve("Reach.jar"));
        assertTrue(refused(jar).contains("its manifest's Class-Path entry"));
    }

    @Test
    void acceptsAManifestClassPathInsideTheModule() {
        Path dep = TestModules.archive().sources(ModuleLoaderTest.greeting("v1")).writeJar(tmp.resolve("greeting.jar"));
        Path jar = TestModules.archive().sources(DOUBLER).manifest("Class-Path", "lib/greeting.jar").lib(dep)
                .writeJar(tmp.resolve("Fine.jar"));
        assertEquals(2, ModuleArchives.unpack(jar, "Fine.jar", target(), ArchiveLimits.defaults()).jars().size());
    }

    @Test
    void refusesAJarIndex() {
        Path jar = TestModules.archive().sources(DOUBLER).file("META-INF/INDEX.LIST",
                "JarIndex-Version: 1.0\n\n../../x.jar\ncom\n".getBytes(StandardCharsets.UTF_8))
                .writeJar(tmp.resolve("Index.jar"));
        assertTrue(refused(jar).startsWith("Index.jar has a META-INF/INDEX.LIST"));
    }

    @Test
    void refusesAnArchiveWhoseDirectoryListsOtherEntriesThanItHolds() throws IOException {
        byte[] bytes = readAll(TestModules.archive().sources(DOUBLER).file("aaaa.txt", new byte[] {1})
                .writeJar(tmp.resolve("Two-faced.jar")));
        // the name appears in the entry's own header and again in the central directory: rename only the latter
        byte[] name = "aaaa.txt".getBytes(StandardCharsets.US_ASCII);
        int last = lastIndexOf(bytes, name);
        System.arraycopy("bbbb.txt".getBytes(StandardCharsets.US_ASCII), 0, bytes, last, name.length);
        Path doctored = Files.write(tmp.resolve("Two-faced.jar"), bytes);
        assertEquals("Two-faced.jar: the entries it holds differ from those its central directory lists (a damaged or"
                + " doctored archive): re-create it with 'jar' or a zip tool", refused(doctored));
    }

    @Test
    void refusesAnEmptyZip() {
        Path empty = TestModules.archive().writeZip(tmp.resolve("Empty.zip"));
        assertTrue(refused(empty).startsWith("Empty.zip: no class carries @BlockType"));
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
