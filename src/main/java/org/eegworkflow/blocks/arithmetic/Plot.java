package org.eegworkflow.blocks.arithmetic;

import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.functions.trigonometric.CosRFunction;
import com.ezylang.evalex.functions.trigonometric.SinRFunction;
import com.ezylang.evalex.functions.trigonometric.TanRFunction;
import com.ezylang.evalex.parser.ParseException;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Types;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a function of x over a range. The function is parsed by an expression library (EvalEx) that knows numbers,
 * operators and mathematical functions only: nothing in it is ever run as code.
 *
 * <p>The old system's Plot (family {@code Graph}, kept) had the properties {@code function equation}, a numpy
 * expression such as {@code (x+3)**2}, and {@code range} r, drawing the whole numbers from -r to r-1. Workflows that
 * set them still run: they take over from {@code function} and {@code from}/{@code to}/{@code points}.
 */
@BlockType(name = "Plot", family = "Graph", description = "Draws a function of x, such as sin(x) * x, over a range.")
public class Plot {
    private static final int MAX_POINTS = 100_000;
    /** EvalEx's sin, cos and tan take degrees; a plot of sin(x) means radians. */
    private static final ExpressionConfiguration CONFIGURATION = ExpressionConfiguration.builder()
            .mathContext(MathContext.DECIMAL64)
            .arraysAllowed(false)
            .structuresAllowed(false)
            .build()
            .withAdditionalFunctions(Map.entry("SIN", new SinRFunction()), Map.entry("COS", new CosRFunction()),
                    Map.entry("TAN", new TanRFunction()));

    /** Required, default {@code sin(x)}. The function of x, for example {@code x^2 - 3*x + 1}; trigonometry in radians. */
    @BlockProperty(name = "function", type = Types.STRING, defaultValue = "sin(x)",
            description = "A function of x, for example x^2 - 3*x + 1 or sin(x) * x (radians).")
    String function;

    /** Optional, default -10. Where the range of x starts. */
    @BlockProperty(name = "from", type = Types.NUMBER, defaultValue = "-10", description = "Start of the range of x.")
    double from;

    /** Optional, default 10. Where the range of x ends. */
    @BlockProperty(name = "to", type = Types.NUMBER, defaultValue = "10", description = "End of the range of x.")
    double to;

    /** Optional, default 200, at most 100000. How many points are computed. */
    @BlockProperty(name = "points", type = Types.NUMBER, defaultValue = "200",
            description = "How many points to compute, 2 to 100000.")
    int points;

    /** Optional, no default: the old system's name for the function, in its (numpy) syntax. */
    @BlockProperty(name = "function equation", type = Types.STRING,
            description = "Old workflows: the function in the old syntax, e.g. (x+3)**2; replaces 'function'.")
    String functionEquation;

    /** Optional, no default: the old system's range r, the whole numbers from -r to r-1. */
    @BlockProperty(name = "range", type = Types.NUMBER,
            description = "Old workflows: draws x = -range ... range-1 in steps of 1; replaces from, to and points.")
    Integer range;

    @BlockExecute
    public Graph execute(BlockContext context) {
        if (functionEquation != null && !functionEquation.isBlank()) {
            function = fromOldSyntax(functionEquation);
        }
        if (range != null) {
            if (range < 1 || range > MAX_POINTS / 2) {
                throw new IllegalArgumentException("property 'range' must be between 1 and " + MAX_POINTS / 2);
            }
            from = -range;
            to = range - 1.0;
            points = 2 * range;
        }
        if (!(from < to)) {
            throw new IllegalArgumentException("property 'from' (" + from + ") must be less than 'to' (" + to + ")");
        }
        if (points < 2 || points > MAX_POINTS) {
            throw new IllegalArgumentException("property 'points' must be between 2 and " + MAX_POINTS);
        }
        Expression expression = parse(function);
        List<Double> xs = new ArrayList<>(points);
        List<Double> ys = new ArrayList<>(points);
        int undefined = 0;
        for (int i = 0; i < points; i++) {
            double x = from + (to - from) * i / (points - 1);
            xs.add(x);
            ys.add(evaluate(expression, x));
            if (Double.isNaN(ys.get(i))) {
                undefined++;
            }
            if (context.isCancelled()) {
                throw new IllegalStateException("stopped");
            }
        }
        if (undefined == points) {
            throw new IllegalArgumentException("function '" + function + "' is undefined over the whole range");
        }
        if (undefined > 0) {
            context.log(undefined + " of " + points + " points are undefined and left out");
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("y = " + function)
                .xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("y", xs, ys).setMarker(SeriesMarkers.NONE);
        return Graph.of("plot", BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * The old block's numpy expression in EvalEx's syntax: {@code **} is the power, and numpy's functions are
     * EvalEx's of the same name ({@code np.sin(x)} is {@code sin(x)}).
     */
    static String fromOldSyntax(String equation) {
        return equation.replace("**", "^").replaceAll("\\b(?:np|numpy)\\.", "");
    }

    static Expression parse(String function) {
        Expression expression = new Expression(function, CONFIGURATION);
        try {
            expression.validate();
        } catch (ParseException e) {
            throw new IllegalArgumentException("function '" + function + "' is not a valid expression: "
                    + e.getMessage());
        }
        return expression;
    }

    /** The function's value at x, or NaN where it is undefined. */
    static double evaluate(Expression expression, double x) {
        try {
            double y = expression.with("x", x).evaluate().getNumberValue().doubleValue();
            return Double.isFinite(y) ? y : Double.NaN;
        } catch (EvaluationException | ParseException | ArithmeticException e) {
            return Double.NaN;
        }
    }
}
