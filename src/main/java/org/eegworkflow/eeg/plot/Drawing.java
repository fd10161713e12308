package org.eegworkflow.eeg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;

/** The look shared by the charts (fonts, colours, strokes) and the small pieces of axis arithmetic they need. */
final class Drawing {
    static final Color INK = new Color(0x1A, 0x1A, 0x1A);
    static final Color MUTED = new Color(0x5F, 0x63, 0x68);
    static final Color GRID = new Color(0xEB, 0xEC, 0xEE);
    static final Color FRAME = new Color(0xA8, 0xAB, 0xB0);
    static final Color WARN = new Color(0xB0, 0x1C, 0x1C);
    static final Stroke HAIRLINE = new BasicStroke(1f);
    static final Stroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);

    /** Matplotlib's tab10: distinguishable for up to ten lines, including for most colour-blind readers. */
    static final Color[] TAB10 = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)
    };

    /**
     * DejaVu Sans where installed (what Debian's fonts-dejavu, and so CI, provides), else the JDK's logical sans
     * serif, so that the PNGs look the same on every machine that has it.
     */
    private static final String FAMILY = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
            .getAvailableFontFamilyNames(Locale.ROOT)).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;

    enum Align { START, CENTER, END }

    private Drawing() {
    }

    static Font font(int style, float size) {
        return new Font(FAMILY, style, 1).deriveFont(size);
    }

    /** A white, anti-aliased canvas. */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        // pure strokes keep thin anti-aliased lines at their true position instead of snapping them to pixels
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** Draws text with its anchor at (x, y), aligned horizontally and vertically as asked. */
    static void text(Graphics2D g, String s, double x, double y, Align horizontal, Align vertical) {
        FontMetrics fm = g.getFontMetrics();
        double w = fm.getStringBounds(s, g).getWidth();
        double dx = horizontal == Align.START ? 0 : horizontal == Align.CENTER ? -w / 2 : -w;
        double ascent = fm.getAscent() * 0.78; // cap height: numbers and capitals look centred on it
        double dy = vertical == Align.START ? ascent : vertical == Align.CENTER ? ascent / 2 : 0;
        g.drawString(s, (float) (x + dx), (float) (y + dy));
    }

    static double width(Graphics2D g, String s) {
        return g.getFontMetrics().getStringBounds(s, g).getWidth();
    }

    /** Text rotated a quarter turn anticlockwise, centred on (x, y): a y axis title. */
    static void verticalText(Graphics2D g, String s, double x, double y) {
        Graphics2D r = (Graphics2D) g.create();
        r.translate(x, y);
        r.rotate(-Math.PI / 2);
        text(r, s, 0, 0, Align.CENTER, Align.CENTER);
        r.dispose();
    }

    /** A tick step of 1, 2 or 5 times a power of ten giving at most {@code maxTicks} ticks over the range. */
    static double niceStep(double range, int maxTicks) {
        if (!(range > 0) || Double.isInfinite(range)) {
            return 1;
        }
        double raw = range / Math.max(1, maxTicks);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** Tick positions (multiples of the step) inside [lo, hi]. */
    static double[] ticks(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        int count = (int) Math.max(0, Math.min(1000, last - first + 1));
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            // multiplying instead of accumulating keeps 0.1 * 3 from printing as 0.30000000000000004
            ticks[i] = (first + i) * step;
            if (Math.abs(ticks[i]) < step * 1e-9) {
                ticks[i] = 0;
            }
        }
        return ticks;
    }

    /**
     * A tick label with just the decimals the step needs; always a dot as decimal separator, and a typographic minus
     * sign (as matplotlib prints) rather than a hyphen.
     */
    static String tickLabel(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value == 0 ? 0.0 : value).replace('-', '\u2212');
    }

    /** A number for a sentence: up to {@code significant} significant digits, no trailing zeros. */
    static String number(double value, int significant) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(value)
                .round(new java.math.MathContext(significant)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** Seconds to the hundredth, without trailing zeros: "9.22", "20.5", "3600". */
    static String seconds(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** The largest 1, 2 or 5 times a power of ten not above {@code limit}. */
    static double niceBelow(double limit) {
        double power = Math.pow(10, Math.floor(Math.log10(limit)));
        for (double m : new double[] {5, 2, 1}) {
            if (m * power <= limit * (1 + 1e-9)) {
                return m * power;
            }
        }
        return power;
    }
}
