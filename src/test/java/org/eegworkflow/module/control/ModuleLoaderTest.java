package org.eegworkflow.module.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.block.control.PropertySpec;
import org.eegworkflow.sdk.Types;
import org.eegworkflow.sdk.ValueCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.eegworkflow.module.control.ModuleArchivesTest.DOUBLER;
import static org.eegworkflow.module.control.ModuleArchivesTest.GREETER;
import static org.eegworkflow.module.control.ModuleArchivesTest.HELPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleLoaderTest {
    /** A block that shows what its library's {@code Greeting} says. */
    static final String HELLO = """
            package com.example.hello;

            import com.example.lib.Greeting;
            import org.eegworkflow.sdk.*;

            @BlockType(name = "Hello")
            public class Hello {
                @BlockOutput(name = "text", type = Types.STRING)
                String text;

                @BlockExecute
                public void run() {
                    text = Greeting.text();
                }
            }
            """;
    static final String SPECTRUM_CODEC = """
            package com.example.spectra;

            import java.io.*;
            import org.eegworkflow.sdk.*;

            public class SpectrumCodec implements ValueCodec {
                @Override
                public String type() {
                    return "Spectrum";
                }

                @Override
                public void write(Object value, DataOutput out) throws IOException {
                    double[] bins = (double[]) value;
                    out.writeInt(bins.length);
                    for (double bin : bins) {
                        out.writeDouble(bin);
                    }
                }

                @Override
                public Object read(DataInput in) throws IOException {
                    double[] bins = new double[in.readInt()];
                    for (int i = 0; i < bins.length; i++) {
                        bins[i] = in.readDouble();
                    }
                    return bins;
                }
            }
            """;
    /** A block that holds a codec (so it mentions ValueCodec) without being one. */
    static final String SPECTRUM_SOURCE = """
            package com.example.spectra;

            import org.eegworkflow.sdk.*;

            @BlockType(name = "SpectrumSource")
            public class SpectrumSource {
                private final ValueCodec codec = new SpectrumCodec();

                @BlockOutput(name = "spectrum", type = "Spectrum")
                double[] spectrum;

                @BlockExecute
                public void run() {
                    spectrum = new double[] {1, 2, 3};
                }
            }
            """;

    @TempDir
    Path tmp;

    static String greeting(String version) {
        return """
                package com.example.lib;

                public class Greeting {
                    public static String text() {
                        return "%s";
                    }
                }
                """.formatted(version);
    }

    private UnpackedModule unpack(Path archive) {
        String fileName = archive.getFileName().toString();
        return ModuleArchives.unpack(archive, fileName, tmp.resolve("unpacked-" + fileName), ArchiveLimits.defaults());
    }

    private UnpackedModule jarOf(String fileName, Map<String, byte[]> classes) {
        return unpack(TestModules.archive().classes(classes).writeJar(tmp.resolve(fileName)));
    }

    private UnpackedModule jarOf(String fileName, String... sources) {
        return unpack(TestModules.archive().sources(sources).writeJar(tmp.resolve(fileName)));
    }

    private static ModuleClassLoader loader(UnpackedModule module) {
        return new ModuleClassLoader("Test.jar:Test", module.jars());
    }

    @Test
    void describesEveryBlockOfAModule() throws IOException {
        UnpackedModule module = jarOf("Filters.jar", DOUBLER, GREETER, HELPER);
        try (ModuleClassLoader loader = loader(module)) {
            List<BlockSpec> blocks = ModuleLoader.blocks("Filters.jar:Filters", module, loader);

            assertEquals(List.of("Doubler", "Greeter"), blocks.stream().map(BlockSpec::name).toList());
            BlockSpec doubler = blocks.get(0);
            assertEquals("Filters.jar:Filters", doubler.module());
            assertEquals("Math", doubler.family());
            assertEquals(List.of("x"), doubler.inputs().stream().map(PortSpec::name).toList());
            assertEquals(Types.NUMBER, doubler.inputs().get(0).type());
            assertEquals(List.of("y"), doubler.outputs().stream().map(PortSpec::name).toList());
            assertEquals(Types.NUMBER, doubler.outputs().get(0).type());
            assertEquals(List.of("factor"), doubler.properties().stream().map(PropertySpec::name).toList());
            assertEquals(List.of("text"), blocks.get(1).outputs().stream().map(PortSpec::name).toList());
            for (BlockSpec block : blocks) {
                assertSame(loader, block.constructor().getDeclaringClass().getClassLoader());
            }

            BlockInvoker.Outcome outcome = BlockInvoker.invoke(doubler, Map.of("factor", "3"),
                    Map.of("x", List.of(14.0)), null);
            assertEquals(42.0, outcome.outputs().get("y"));
        }
    }

    @Test
    void aModuleSeesItsOwnJarsTheSdkAndTheJdkOnly() throws Exception {
        UnpackedModule module = jarOf("Filters.jar", DOUBLER);
        try (ModuleClassLoader loader = loader(module)) {
            assertSame(Types.class, loader.loadClass("org.eegworkflow.sdk.Types"));
            assertSame(String.class, loader.loadClass("java.lang.String"));
            assertSame(java.sql.Date.class, loader.loadClass("java.sql.Date"), "platform modules are visible");
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.eegworkflow.job.control.store.JobStore"));
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("org.eegworkflow.block.control.BlockRegistry"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.junit.jupiter.api.Test"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("jakarta.ws.rs.Path"));
            assertEquals("ModuleClassLoader[Test.jar:Test]", loader.toString());
        }
    }

    @Test
    void aBlockThatReachesForServerInternalsFailsToLoad() throws IOException {
        String peeker = """
                package com.example.bad;

                import org.eegworkflow.sdk.*;

                @BlockType(name = "Peeker")
                public class Peeker {
                    org.eegworkflow.block.control.BlockRegistry registry;

                    @BlockExecute
                    public void run() {
                    }
                }
                """;
        UnpackedModule module = jarOf("Bad.jar", peeker);
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.blocks("Bad.jar:Bad", module, loader));
            assertTrue(e.getMessage().startsWith("com.example.bad.Peeker could not be loaded: NoClassDefFoundError:"
                    + " org/eegworkflow/block/control/BlockRegistry; a module sees only its own jars, the SDK"),
                    e.getMessage());
        }
    }

    @Test
    void aBlockWhoseSuperclassIsMissingFailsToLoad() throws IOException {
        String base = """
                package com.example.bad;

                public abstract class Base {
                }
                """;
        String child = """
                package com.example.bad;

                import org.eegworkflow.sdk.*;

                @BlockType(name = "Child")
                public class Child extends Base {
                    @BlockExecute
                    public void run() {
                    }
                }
                """;
        Map<String, byte[]> classes = new java.util.HashMap<>(TestModules.compile(base, child));
        classes.remove("com/example/bad/Base.class");
        UnpackedModule module = jarOf("Orphan.jar", classes);
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.blocks("Orphan.jar:Orphan", module, loader));
            assertTrue(e.getMessage().startsWith("com.example.bad.Child could not be loaded: NoClassDefFoundError:"
                    + " com/example/bad/Base"), e.getMessage());
        }
    }

    @Test
    void aBlockReferencingAMissingClassFailsToLoad() throws IOException {
        String missing = """
                package com.example.bad;

                public class Missing {
                }
                """;
        String needy = """
                package com.example.bad;

                import org.eegworkflow.sdk.*;

                @BlockType(name = "Needy")
                public class Needy {
                    Missing missing;

                    @BlockExecute
                    public void run() {
                    }
                }
                """;
        Map<String, byte[]> classes = new java.util.HashMap<>(TestModules.compile(missing, needy));
        classes.remove("com/example/bad/Missing.class");
        UnpackedModule module = jarOf("Needy.jar", classes);
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.blocks("Needy.jar:Needy", module, loader));
            assertTrue(e.getMessage().startsWith("com.example.bad.Needy could not be loaded: NoClassDefFoundError:"
                    + " com/example/bad/Missing"), e.getMessage());
        }
    }

    @Test
    void aBlockThatBreaksTheSdkContractIsNamed() throws IOException {
        String idle = """
                package com.example.bad;

                import org.eegworkflow.sdk.*;

                @BlockType(name = "Idle")
                public class Idle {
                }
                """;
        UnpackedModule module = jarOf("Idle.jar", idle);
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.blocks("Idle.jar:Idle", module, loader));
            assertEquals("com.example.bad.Idle has no public @BlockExecute method: add one, for example"
                    + " 'public void execute()'", e.getMessage());
        }
    }

    @Test
    void twoBlocksWithOneNameAreRefused() throws IOException {
        String first = """
                package com.example.twins;

                import org.eegworkflow.sdk.*;

                @BlockType(name = "Same")
                public class First {
                    @BlockExecute
                    public void run() {
                    }
                }
                """;
        UnpackedModule module = jarOf("Twins.jar", first, first.replace("First", "Second"));
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.blocks("Twins.jar:Twins", module, loader));
            assertEquals("com.example.twins.Second and com.example.twins.First are both block type 'Same': block type"
                    + " names must be unique within a module, rename one", e.getMessage());
        }
    }

    @Test
    void candidatesThatAreNoBlocksAreSkippedButAModuleNeedsOne() throws IOException {
        // the scan only saw the bytes: Helper mentions @BlockType but carries none
        UnpackedModule helperOnly = new UnpackedModule(tmp, jarOf("Helper.jar", DOUBLER, HELPER).jars(),
                List.of("com.example.filters.Helper"), List.of());
        try (ModuleClassLoader loader = loader(helperOnly)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.blocks("Helper.jar:Helper", helperOnly, loader));
            assertTrue(e.getMessage().startsWith("Helper.jar:Helper: no class carries @BlockType"), e.getMessage());
        }
    }

    @Test
    void twoVersionsOfOneLibraryLoadSideBySide() throws Exception {
        Path v1 = TestModules.archive().sources(greeting("v1")).writeJar(tmp.resolve("greeting-1.jar"));
        Path v2 = TestModules.archive().sources(greeting("v2")).writeJar(tmp.resolve("greeting-2.jar"));
        // a jar with its library under lib/, and a zip holding the block jar and its library
        UnpackedModule first = unpack(TestModules.archive().classPath(v1).sources(HELLO).lib(v1)
                .writeJar(tmp.resolve("HelloOne.jar")));
        Path helloJar = TestModules.archive().classPath(v2).sources(HELLO).writeJar(tmp.resolve("hello.jar"));
        UnpackedModule second = unpack(TestModules.archive().file("hello.jar", helloJar).file("deps/greeting.jar", v2)
                .writeZip(tmp.resolve("HelloTwo.zip")));

        try (ModuleClassLoader one = new ModuleClassLoader("HelloOne.jar:HelloOne", first.jars());
             ModuleClassLoader two = new ModuleClassLoader("HelloTwo.zip:HelloTwo", second.jars())) {
            BlockSpec helloOne = ModuleLoader.blocks("HelloOne.jar:HelloOne", first, one).get(0);
            BlockSpec helloTwo = ModuleLoader.blocks("HelloTwo.zip:HelloTwo", second, two).get(0);

            assertEquals("v1", BlockInvoker.invoke(helloOne, Map.of(), Map.of(), null).outputs().get("text"));
            assertEquals("v2", BlockInvoker.invoke(helloTwo, Map.of(), Map.of(), null).outputs().get("text"));
            assertNotSame(one.loadClass("com.example.lib.Greeting"), two.loadClass("com.example.lib.Greeting"));
            assertNotSame(helloOne.constructor().getDeclaringClass(), helloTwo.constructor().getDeclaringClass());
        }
    }

    @Test
    void findsAndInstantiatesTheModulesCodecs() throws IOException {
        UnpackedModule module = jarOf("Spectra.jar", SPECTRUM_CODEC, SPECTRUM_SOURCE);
        try (ModuleClassLoader loader = loader(module)) {
            List<ValueCodec> codecs = ModuleLoader.codecs(module, loader);

            assertEquals(1, codecs.size());
            ValueCodec codec = codecs.get(0);
            assertEquals("Spectrum", codec.type());
            assertSame(loader, codec.getClass().getClassLoader());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            codec.write(new double[] {1.5, 2.5}, new DataOutputStream(bytes));
            Object back = codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertEquals(List.of(1.5, 2.5), java.util.Arrays.stream((double[]) back).boxed().toList());

            assertEquals(List.of("SpectrumSource"),
                    ModuleLoader.blocks("Spectra.jar:Spectra", module, loader).stream().map(BlockSpec::name).toList());
        }
    }

    @Test
    void aCodecWithoutAPublicConstructorIsNamed() throws IOException {
        String hidden = SPECTRUM_CODEC.replace("public class SpectrumCodec implements ValueCodec {",
                "public class SpectrumCodec implements ValueCodec {\n    private SpectrumCodec() {\n    }\n");
        String block = SPECTRUM_SOURCE.replace("new SpectrumCodec()", "null");
        UnpackedModule module = jarOf("Hidden.jar", hidden, block);
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.codecs(module, loader));
            assertTrue(e.getMessage().startsWith("com.example.spectra.SpectrumCodec implements ValueCodec but has no"
                    + " public no-argument constructor"), e.getMessage());
        }
    }

    @Test
    void twoCodecsForOneTypeAreRefused() throws IOException {
        UnpackedModule module = jarOf("Spectra.jar", SPECTRUM_CODEC,
                SPECTRUM_CODEC.replace("SpectrumCodec", "OtherCodec"), SPECTRUM_SOURCE);
        try (ModuleClassLoader loader = loader(module)) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> ModuleLoader.codecs(module, loader));
            assertEquals("com.example.spectra.SpectrumCodec and com.example.spectra.OtherCodec are both codecs for"
                    + " type 'Spectrum': keep one", e.getMessage());
        }
    }
}
