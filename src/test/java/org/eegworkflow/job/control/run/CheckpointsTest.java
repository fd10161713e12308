package org.eegworkflow.job.control.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.blocks.arithmetic.Addition;
import org.eegworkflow.blocks.arithmetic.Plot;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {

    @BlockType(name = "Mixed")
    public static class Mixed {
        @BlockOutput(name = "text", type = Types.STRING)
        String text;

        @BlockOutput(name = "numbers", type = Types.NUMBER_ARRAY)
        List<Double> numbers;

        @BlockOutput(name = "flag", type = Types.BOOLEAN)
        Boolean flag;

        @BlockExecute
        public void run() {
        }
    }

    @BlockType(name = "Opaque")
    public static class Opaque {
        @BlockOutput(name = "thing", type = "SomethingWithoutACodec")
        Object thing;

        @BlockExecute
        public void run() {
        }
    }

    private final Map<Integer, BlockSpec> specs = Map.of(
            1, BlockIntrospector.describe("M", Addition.class),
            2, BlockIntrospector.describe("M", Mixed.class),
            3, BlockIntrospector.describe("M", Opaque.class),
            4, BlockIntrospector.describe("M", Plot.class));

    @Test
    void outputsComeBackAsTheyWereWritten(@TempDir Path dir) throws IOException {
        Map<String, Object> mixed = new HashMap<>();
        mixed.put("text", "hello \u00e9\u4e16");
        mixed.put("numbers", List.of(1.0, 2.5, -3.0));
        mixed.put("flag", null);
        try (Checkpoints log = Checkpoints.open(dir, StandardCodecs::forType)) {
            assertTrue(log.write(1, specs.get(1), Map.of("output", 70.0)));
            assertTrue(log.write(2, specs.get(2), mixed));
            assertFalse(log.write(3, specs.get(3), Map.of("thing", new Object())), "no codec, no checkpoint");
            assertTrue(log.write(4, specs.get(4), Map.of()), "a block without outputs is checkpointed too");
        }
        try (Checkpoints again = Checkpoints.open(dir, StandardCodecs::forType)) {
            again.write(1, specs.get(1), Map.of("output", 71.0));
        }
        Map<Integer, Map<String, Object>> read = Checkpoints.read(dir, specs, StandardCodecs::forType);
        assertEquals(Map.of("output", 71.0), read.get(1), "the latest record of a block wins");
        assertEquals(mixed, read.get(2));
        assertFalse(read.containsKey(3));
        assertEquals(Map.of(), read.get(4));
    }

    @Test
    void aRecordCutShortByACrashIsIgnoredWithEverythingAfterIt(@TempDir Path dir) throws IOException {
        try (Checkpoints log = Checkpoints.open(dir, StandardCodecs::forType)) {
            log.write(1, specs.get(1), Map.of("output", 1.0));
            log.write(2, specs.get(2), Map.of("text", "x", "numbers", List.of(), "flag", true));
        }
        Path file = dir.resolve("outputs.log");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        Map<Integer, Map<String, Object>> read = Checkpoints.read(dir, specs, StandardCodecs::forType);
        assertEquals(Map.of(1, Map.of("output", 1.0)), read);
    }
}
