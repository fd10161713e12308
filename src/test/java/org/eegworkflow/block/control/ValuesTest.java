package org.eegworkflow.block.control;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValuesTest {

    @Test
    void wholeNumbersPrintWithoutATrailingZero() {
        assertEquals("70", Values.display(70.0));
        assertEquals("-3", Values.display(-3.0));
        assertEquals("0", Values.display(-0.0));
        assertEquals("-7.5", Values.display(-7.5));
        assertEquals("0.30000000000000004", Values.display(0.1 + 0.2));
        assertEquals("1.0E20", Values.display(1e20));
        assertEquals("Infinity", Values.display(Double.POSITIVE_INFINITY));
        assertEquals("[1, 2.5]", Values.display(List.of(1.0, 2.5)));
        assertEquals("", Values.display(null));
    }

    @Test
    void parsesPropertyTextForTheFieldType() {
        assertEquals(40.0, Values.parse(" 40 ", "NUMBER", double.class));
        assertEquals(7, Values.parse("7", "NUMBER", int.class));
        assertEquals(true, Values.parse("TRUE", "BOOLEAN", boolean.class));
        assertEquals(" text ", Values.parse(" text ", "STRING", String.class));
        assertEquals("must be a number (NUMBER)",
                assertThrows(IllegalArgumentException.class, () -> Values.parse("forty", "NUMBER", double.class))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.parse("NaN", "NUMBER", double.class));
        assertThrows(IllegalArgumentException.class, () -> Values.parse("0x10", "NUMBER", double.class));
        assertThrows(IllegalArgumentException.class, () -> Values.parse("1.5", "NUMBER", int.class));
        assertThrows(IllegalArgumentException.class, () -> Values.parse("yes", "BOOLEAN", boolean.class));
    }

    enum Window { HAMMING, HANN }

    @Test
    void enumsListsAndFilesConvertToo() {
        assertEquals(Window.HANN, Values.parse("hann", "STRING", Window.class));
        assertEquals("must be one of [HAMMING, HANN]", assertThrows(IllegalArgumentException.class,
                () -> Values.parse("boxcar", "STRING", Window.class)).getMessage());
        assertEquals(List.of("Fz", "Cz"), Values.parse("[\"Fz\", \"Cz\"]", "STRING[]", List.class));
        assertEquals(List.of("Fz", "Cz"), Values.parse(" Fz, Cz ,", "STRING[]", List.class));
        assertEquals(java.nio.file.Path.of("rec/test.vhdr"), Values.parse("rec/./test.vhdr", "FILE",
                java.nio.file.Path.class));
        for (String escape : List.of("../other/x.vhdr", "/etc/passwd", "rec/../../x", "C:\\x", "")) {
            assertThrows(IllegalArgumentException.class, () -> Values.parse(escape, "FILE", java.nio.file.Path.class),
                    escape);
        }
    }
}
