package org.eegworkflow.blocks.arithmetic;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Graph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotTest {
    private final List<String> log = new ArrayList<>();
    private final BlockContext context = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return Path.of(".");
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private static Plot plot(String function, double from, double to, int points) {
        Plot plot = new Plot();
        plot.function = function;
        plot.from = from;
        plot.to = to;
        plot.points = points;
        return plot;
    }

    @Test
    void drawsAFunctionAsAPng() throws Exception {
        Graph graph = plot("sin(x) * x", -10, 10, 200).execute(context);
        assertEquals("plot", graph.name());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(graph.png()));
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    @Test
    void trigonometryIsInRadians() {
        assertEquals(1.0, Plot.evaluate(Plot.parse("sin(x)"), Math.PI / 2), 1e-12);
        assertEquals(-1.0, Plot.evaluate(Plot.parse("cos(x)"), Math.PI), 1e-12);
        assertEquals(9.0, Plot.evaluate(Plot.parse("x^2"), -3), 1e-12);
        assertTrue(Double.isNaN(Plot.evaluate(Plot.parse("1/x"), 0)));
    }

    @Test
    void pointsWhereTheFunctionIsUndefinedAreLeftOut() {
        plot("1 / x", -1, 1, 3).execute(context);
        assertEquals(List.of("1 of 3 points are undefined and left out"), log);
    }

    @Test
    void anythingButAnExpressionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plot("java.lang.System.exit(1)", 0, 1, 10).execute(context));
        assertTrue(e.getMessage().startsWith("function 'java.lang.System.exit(1)'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plot("x", 1, 0, 10).execute(context));
        assertThrows(IllegalArgumentException.class, () -> plot("x", 0, 1, 1_000_000).execute(context));
    }

    @Test
    void theOldPropertiesTakeOverInTheOldSyntax() {
        assertEquals("(x+3)^2", Plot.fromOldSyntax("(x+3)**2"));
        assertEquals("sin(x) * x", Plot.fromOldSyntax("np.sin(x) * x"));
        assertEquals("sqrt(x)", Plot.fromOldSyntax("numpy.sqrt(x)"));
        assertEquals(25.0, Plot.evaluate(Plot.parse(Plot.fromOldSyntax("(x+3)**2")), 2), 1e-12);

        Plot old = plot("sin(x)", -10, 10, 200);
        old.functionEquation = "1/x";
        old.range = 200;
        old.execute(context);
        // the old block drew the whole numbers -200 ... 199: 400 points, x = 0 among them
        assertEquals(List.of("1 of 400 points are undefined and left out"), log);
        assertEquals("1/x", old.function);
        assertEquals(-200.0, old.from);
        assertEquals(199.0, old.to);
        assertEquals(400, old.points);
    }

    @Test
    void anOldRangeOutsideTheLimitsIsRefused() {
        Plot old = plot("x", -10, 10, 200);
        old.range = 0;
        assertThrows(IllegalArgumentException.class, () -> old.execute(context));
        old.range = 50_001;
        assertThrows(IllegalArgumentException.class, () -> old.execute(context));
    }
}
