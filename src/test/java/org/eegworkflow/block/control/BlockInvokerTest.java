package org.eegworkflow.block.control;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eegworkflow.blocks.arithmetic.Addition;
import org.eegworkflow.blocks.arithmetic.Constant;
import org.eegworkflow.blocks.arithmetic.Division;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockInvokerTest {
    private static final BlockContext NO_CONTEXT = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return Path.of(".");
        }

        @Override
        public void log(String line) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private static BlockSpec spec(Class<?> type) {
        return BlockIntrospector.describe("Test", type);
    }

    @Test
    void aConstantOutputsItsPropertyOrItsDefault() {
        BlockInvoker.Outcome forty = BlockInvoker.invoke(spec(Constant.class), Map.of("constant value", "40"),
                Map.of(), NO_CONTEXT);
        assertEquals(40.0, forty.outputs().get("output"));
        assertEquals("40", forty.display());
        assertEquals("10", BlockInvoker.invoke(spec(Constant.class), Map.of(), Map.of(), NO_CONTEXT).display());
    }

    @Test
    void anAdditionAddsItsInputs() {
        BlockInvoker.Outcome sum = BlockInvoker.invoke(spec(Addition.class), Map.of(),
                Map.of("num1", List.of(40.0), "num2", List.of(30.0)), NO_CONTEXT);
        assertEquals(70.0, sum.outputs().get("output"));
        assertEquals("70", sum.display());
    }

    @org.eegworkflow.sdk.BlockType(name = "Sum")
    public static class Sum {
        @org.eegworkflow.sdk.BlockInput(name = "numbers", type = Types.NUMBER_ARRAY, cardinality = "1-*")
        List<Object> numbers;

        @BlockOutput(name = "sum", type = Types.NUMBER)
        double sum;

        @BlockExecute
        public void execute() {
            sum = numbers.stream().mapToDouble(n -> ((Number) n).doubleValue()).sum();
        }
    }

    @Test
    void anArrayInputReceivesEveryConnectedValue() {
        BlockInvoker.Outcome sum = BlockInvoker.invoke(spec(Sum.class), Map.of(),
                Map.of("numbers", List.of(1.0, 2.0, 3.5)), NO_CONTEXT);
        assertEquals(6.5, sum.outputs().get("sum"));
    }

    @Test
    void divisionByZeroFailsWithAClearMessage() {
        BlockFailedException e = assertThrows(BlockFailedException.class, () -> BlockInvoker.invoke(
                spec(Division.class), Map.of(), Map.of("num1", List.of(1.0), "num2", List.of(0.0)), NO_CONTEXT));
        assertEquals("Division by zero: input num2 is 0", e.getMessage());
    }

    @BlockType(name = "Deep")
    public static class Deep {
        @BlockOutput(name = "out", type = Types.NUMBER)
        double out;

        static int recurse(int n) {
            return recurse(n + 1) + 1;
        }

        @BlockExecute
        public void execute() {
            out = recurse(0);
        }
    }

    @Test
    void anErrorSuchAsStackOverflowFailsOnlyTheBlock() {
        BlockFailedException e = assertThrows(BlockFailedException.class,
                () -> BlockInvoker.invoke(spec(Deep.class), Map.of(), Map.of(), NO_CONTEXT));
        assertTrue(e.getMessage().contains("StackOverflowError"), e.getMessage());
    }

    /** Reads the file its FILE property names and shows its text. */
    @BlockType(name = "ReadText")
    public static class ReadText {
        @org.eegworkflow.sdk.BlockProperty(name = "File", type = Types.FILE)
        Path file;

        @BlockExecute
        public String execute() throws java.io.IOException {
            return java.nio.file.Files.readString(file);
        }
    }

    @Test
    void aFileValueFromTheOldFileBrowserReadsTheDataFolderWithoutItsHomeSegment(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path filesRoot = dir.resolve("data");
        java.nio.file.Files.createDirectories(filesRoot.resolve("recordings"));
        java.nio.file.Files.writeString(filesRoot.resolve("recordings/a.txt"), "plain");
        assertEquals("plain", BlockInvoker.invoke(spec(ReadText.class), Map.of("File", "recordings/a.txt"), Map.of(),
                NO_CONTEXT, filesRoot).display());
        assertEquals("plain", BlockInvoker.invoke(spec(ReadText.class), Map.of("File", "Home/recordings/a.txt"),
                Map.of(), NO_CONTEXT, filesRoot).display());
        // a folder that is really called Home wins
        java.nio.file.Files.createDirectories(filesRoot.resolve("Home/recordings"));
        java.nio.file.Files.writeString(filesRoot.resolve("Home/recordings/a.txt"), "in Home");
        assertEquals("in Home", BlockInvoker.invoke(spec(ReadText.class), Map.of("File", "Home/recordings/a.txt"),
                Map.of(), NO_CONTEXT, filesRoot).display());
        // and Home/ never reaches out of the folder
        java.nio.file.Files.writeString(dir.resolve("x.txt"), "outside");
        assertThrows(BlockFailedException.class, () -> BlockInvoker.invoke(
                spec(ReadText.class), Map.of("File", "Home/../../x.txt"), Map.of(), NO_CONTEXT, filesRoot));
        assertThrows(BlockFailedException.class, () -> BlockInvoker.invoke(
                spec(ReadText.class), Map.of("File", "Home/../x.txt"), Map.of(), NO_CONTEXT, filesRoot));
    }
}
