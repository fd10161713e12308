package org.eegworkflow.block.control;

import java.util.List;

import org.eegworkflow.blocks.arithmetic.Addition;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockIntrospectorTest {

    @Test
    void describesTheAdditionBlock() {
        BlockSpec spec = BlockIntrospector.describe("Arithmetic.zip:Arithmetic", Addition.class);
        assertEquals("Addition", spec.name());
        assertEquals("AddSub", spec.family());
        assertEquals(List.of("num1", "num2"), spec.inputs().stream().map(PortSpec::name).toList());
        assertEquals("1-1", spec.inputs().get(0).cardinality());
        assertEquals(List.of("output"), spec.outputs().stream().map(PortSpec::name).toList());
    }

    public static class NotABlock {
    }

    @BlockType(name = "PassOn")
    public static class InputAndOutputOneName {
        @BlockInput(name = "Model", type = "Model", cardinality = "0-1")
        Object in;

        @BlockOutput(name = "Model", type = "Model")
        Object out;

        @BlockExecute
        public void run() {
        }
    }

    @Test
    void anInputAndAnOutputMayShareAName() {
        // edges name their ends with a direction, and the old EEG blocks have an input and an output named Model
        BlockSpec spec = BlockIntrospector.describe("M", InputAndOutputOneName.class);
        assertEquals("in", spec.input("Model").orElseThrow().field().getName());
        assertEquals("out", spec.output("Model").orElseThrow().field().getName());
    }

    @BlockType(name = "Twice")
    public static class TwoPortsOneName {
        @BlockOutput(name = "x", type = Types.NUMBER)
        double a;

        @BlockOutput(name = "x", type = Types.NUMBER)
        double b;

        @BlockExecute
        public void run() {
        }
    }

    @BlockType(name = "Idle")
    public static class NoExecute {
        @BlockOutput(name = "x", type = Types.NUMBER)
        double x;
    }

    @BlockType(name = "Odd")
    public static class UnfillableProperty {
        @BlockProperty(name = "when", type = Types.STRING)
        java.time.LocalDate when;

        @BlockExecute
        public void run() {
        }
    }

    @BlockType(name = "Many")
    public static class ManyIntoOne {
        @BlockInput(name = "values", type = Types.NUMBER, cardinality = "1-*")
        double values;

        @BlockExecute
        public void run() {
        }
    }

    private static String misuse(Class<?> type) {
        return assertThrows(BlockDefinitionException.class, () -> BlockIntrospector.describe("M", type)).getMessage();
    }

    @Test
    void misuseNamesTheClassTheMemberAndTheFix() {
        String name = BlockIntrospectorTest.class.getName();
        assertEquals(name + "$NotABlock is not a block: annotate the class with @BlockType", misuse(NotABlock.class));
        assertEquals(name + "$TwoPortsOneName.b: another output of this block is already named 'x': rename one",
                misuse(TwoPortsOneName.class));
        assertTrue(misuse(NoExecute.class).startsWith(name + "$NoExecute has no public @BlockExecute method"));
        String unfillable = misuse(UnfillableProperty.class);
        assertTrue(unfillable.startsWith(name + "$UnfillableProperty.when is a java.time.LocalDate")
                && unfillable.contains("use double, int, long, boolean, String, List<String>, an enum or java.nio.file.Path"),
                unfillable);
        String many = misuse(ManyIntoOne.class);
        assertTrue(many.startsWith(name + "$ManyIntoOne.values accepts up to any number of connections")
                && many.contains("java.util.List"), many);
    }
}
