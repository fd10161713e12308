package org.eegworkflow.eeg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.plot.Drawing.Align;

/**
 * The butterfly plot of an evoked response (every channel's average over epochs on one µV axis, as MNE's
 * {@code evoked.plot()} draws it), optionally over an epochs x time image of one channel (as MNE's
 * {@code epochs.plot_image()}).
 */
final class ButterflyChart {
    private static final int MAX_LEGEND = 10;
    private static final Color ZERO_LINE = new Color(0x9A, 0x9D, 0xA3);
    private static final Color ONSET_LINE = new Color(0x44, 0x48, 0x50);

    /**
     * Dark-enough stops from blue through green and orange to wine: channel i of n takes the colour at i / (n - 1),
     * so neighbouring channels (usually neighbouring electrodes) get related colours, a little like MNE's spatial
     * colouring, and no line is too pale to see on white.
     */
    private static final Color[] SPECTRUM = {
        new Color(0x1F3B99), new Color(0x1F78B4), new Color(0x138D90), new Color(0x2E9E3E),
        new Color(0x8C9A12), new Color(0xD9822B), new Color(0xD62728), new Color(0x8E1F5A)
    };

    /** ColorBrewer RdBu reversed: negative blue, zero white, positive red, as MNE's epochs images. */
    private static final Color[] RD_BU_R = {
        new Color(0x053061), new Color(0x2166AC), new Color(0x4393C3), new Color(0x92C5DE), new Color(0xD1E5F0),
        new Color(0xF7F7F7), new Color(0xFDDBC7), new Color(0xF4A582), new Color(0xD6604D), new Color(0xB2182B),
        new Color(0x67001F)
    };

    private ButterflyChart() {
    }

    /** The drawn channels' average over epochs, in µV: channels (of picks) x times. */
    static double[][] meanMicrovolts(Epochs epochs, int[] picks) {
        int times = epochs.timeCount();
        double[][] mean = new double[picks.length][times];
        double[] row = new double[times];
        for (int e = 0; e < epochs.epochCount(); e++) {
            for (int i = 0; i < picks.length; i++) {
                epochs.samples().read(epochs.row(e, picks[i]), 0, row, 0, times);
                double[] sum = mean[i];
                for (int t = 0; t < times; t++) {
                    sum[t] += row[t];
                }
            }
        }
        double factor = 1e6 / epochs.epochCount();
        for (double[] sum : mean) {
            for (int t = 0; t < times; t++) {
                sum[t] *= factor;
            }
        }
        return mean;
    }

    static int[] picks(Epochs epochs, ButterflyOptions options) {
        if (!options.channels().isEmpty()) {
            int[] picks = ChannelPicks.resolve(epochs.channelNames(), options.channels(), "Channels",
                    epochs.source());
            if (picks.length > 0) {
                return picks;
            }
        }
        int[] eeg = epochs.channelsOfKind(ChannelKind.EEG);
        return eeg.length > 0 ? eeg : java.util.stream.IntStream.range(0, epochs.channelCount()).toArray();
    }

    static BufferedImage draw(Epochs epochs, ButterflyOptions options) {
        String source = epochs.source();
        if (epochs.epochCount() == 0) {
            throw new IllegalArgumentException(source + ": there are no epochs to plot (were they all dropped, for"
                    + " example because every event lies too close to the start or end of the recording?)");
        }
        if (epochs.timeCount() < 2) {
            throw new IllegalArgumentException(source + ": the epochs have " + epochs.timeCount()
                    + " time point(s); a plot over time needs at least 2");
        }
        if (options.image() && epochs.averaged()) {
            throw new IllegalArgumentException("'Image': the input is already an average (of " + epochs.nave()
                    + " epochs) and has no single epochs to show: connect the epochs before averaging, or set"
                    + " 'Image' to false");
        }
        if (epochs.channelCount() == 0) {
            throw new IllegalArgumentException(source + ": the epochs have no channels to plot");
        }
        int[] picks = picks(epochs, options);
        double[][] mean = meanMicrovolts(epochs, picks);
        double[] times = epochs.times();
        int n = epochs.averaged() ? epochs.nave() : epochs.epochCount();

        int peakChannel = 0;
        int peakTime = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mean.length; i++) {
            for (int t = 0; t < times.length; t++) {
                double v = mean[i][t];
                if (!Double.isFinite(v)) {
                    continue;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (Math.abs(v) > Math.abs(mean[peakChannel][peakTime]) || !Double.isFinite(mean[peakChannel][peakTime])) {
                    peakChannel = i;
                    peakTime = t;
                }
            }
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException(source + ": the epochs hold no finite values to plot");
        }
        int imageChannel = options.imageChannel().isEmpty() ? picks[peakChannel]
                : ChannelPicks.index(epochs.channelNames(), options.imageChannel(), "Channel", source);

        int width = options.width();
        int height = options.height() != 0 ? options.height() : options.image() ? 900 : 600;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);

        boolean legend = picks.length <= MAX_LEGEND;
        g.setFont(Drawing.font(Font.PLAIN, 12f));
        double legendWidth = 0;
        if (legend) {
            for (int p : picks) {
                legendWidth = Math.max(legendWidth, Drawing.width(g, epochs.channelNames().get(p)));
            }
            legendWidth += 46;
        }
        int left = 84;
        int right = (int) Math.ceil(Math.max(36, Math.max(legendWidth, options.image() ? 96 : 0)));
        int top = 74;
        int plotWidth = width - left - right;
        int plotBottom = options.image() ? top + (int) ((height - top - 60) * 0.5) : height - 58;
        int plotHeight = plotBottom - top;

        title(g, epochs, picks, n, left);
        double pad = Math.max((max - min) * 0.06, 1e-3);
        double lo = min - pad;
        double hi = max + pad;
        double t0 = times[0];
        double t1 = times[times.length - 1];
        Frame frame = new Frame(left, top, plotWidth, plotHeight, t0, t1, lo, hi);

        frame.grid(g, true);
        g.setStroke(Drawing.HAIRLINE);
        g.setColor(ZERO_LINE);
        if (lo < 0 && hi > 0) {
            g.draw(new Line2D.Double(left, frame.y(0), left + plotWidth, frame.y(0)));
        }
        frame.onsetLine(g);

        Graphics2D plot = (Graphics2D) g.create();
        plot.clip(new Rectangle2D.Double(left, top, plotWidth, plotHeight));
        plot.setStroke(new BasicStroke(picks.length > MAX_LEGEND ? 1.1f : 1.6f, BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        for (int i = 0; i < picks.length; i++) {
            Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, times.length);
            boolean drawing = false;
            for (int t = 0; t < times.length; t++) {
                if (!Double.isFinite(mean[i][t])) {
                    drawing = false;
                    continue;
                }
                if (drawing) {
                    path.lineTo(frame.x(times[t]), frame.y(mean[i][t]));
                } else {
                    path.moveTo(frame.x(times[t]), frame.y(mean[i][t]));
                    drawing = true;
                }
            }
            plot.setColor(colour(i, picks.length));
            plot.draw(path);
        }
        plot.dispose();
        frame.axes(g, "\u00b5V", !options.image());
        peakLabel(g, frame, epochs.channelNames().get(picks[peakChannel]), times[peakTime],
                mean[peakChannel][peakTime], colour(peakChannel, picks.length));
        if (legend) {
            legend(g, epochs, picks, left + plotWidth + 16, top + 4);
        }

        if (options.image()) {
            int imageTop = plotBottom + 64;
            Frame imageFrame = new Frame(left, imageTop, plotWidth, height - 56 - imageTop, t0, t1, 0.5,
                    epochs.epochCount() + 0.5);
            epochsImage(g, epochs, imageChannel, imageFrame);
        }
        g.dispose();
        return image;
    }

    /** Colour of channel i of n: tab10 when a legend tells them apart, else the spectrum. */
    static Color colour(int i, int n) {
        if (n <= MAX_LEGEND) {
            return Drawing.TAB10[i % Drawing.TAB10.length];
        }
        return ramp(SPECTRUM, n == 1 ? 0 : i / (double) (n - 1));
    }

    static Color ramp(Color[] stops, double f) {
        double pos = Math.max(0, Math.min(1, f)) * (stops.length - 1);
        int a = (int) Math.min(stops.length - 2, Math.floor(pos));
        double w = pos - a;
        Color c0 = stops[a];
        Color c1 = stops[a + 1];
        return new Color((int) Math.round(c0.getRed() + (c1.getRed() - c0.getRed()) * w),
                (int) Math.round(c0.getGreen() + (c1.getGreen() - c0.getGreen()) * w),
                (int) Math.round(c0.getBlue() + (c1.getBlue() - c0.getBlue()) * w));
    }

    private static void title(Graphics2D g, Epochs epochs, int[] picks, int n, int left) {
        g.setColor(Drawing.INK);
        g.setFont(Drawing.font(Font.BOLD, 17f));
        Drawing.text(g, epochs.source(), left, 26, Align.START, Align.END);
        int eeg = 0;
        for (int p : picks) {
            eeg += epochs.channelKinds().get(p) == ChannelKind.EEG ? 1 : 0;
        }
        String kind = eeg == picks.length ? "EEG" : eeg == 0 ? "misc" : "EEG and misc";
        String what = epochs.averaged()
                ? "Evoked response, average of " + n + (n == 1 ? " epoch" : " epochs") + " (Nave = " + n + ")"
                : "Mean of " + n + (n == 1 ? " epoch" : " epochs") + " (N = " + n + ")";
        g.setColor(Drawing.MUTED);
        g.setFont(Drawing.font(Font.PLAIN, 13f));
        Drawing.text(g, what + "  \u00b7  " + kind + ", " + picks.length
                + (picks.length == 1 ? " channel" : " channels"), left, 47, Align.START, Align.END);
    }

    /** Marks the largest absolute value with a dot and "FP2 7.33 µV at 0.220 s". */
    private static void peakLabel(Graphics2D g, Frame frame, String channel, double time, double value,
                                  Color colour) {
        double x = frame.x(time);
        double y = frame.y(value);
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(x - 5, y - 5, 10, 10));
        g.setColor(colour);
        g.fill(new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7));
        g.setFont(Drawing.font(Font.PLAIN, 12f));
        String label = "peak " + channel + "  " + Drawing.number(value, 3).replace('-', '\u2212') + " \u00b5V at "
                + String.format(java.util.Locale.ROOT, "%.3f", time) + " s";
        double w = Drawing.width(g, label);
        double h = 16;
        double lx = x + 10 + w <= frame.left + frame.width - 4 ? x + 10 : x - 10 - w;
        double ly = value >= 0 ? y - 8 - h : y + 8;
        ly = Math.max(frame.top + 2, Math.min(frame.top + frame.height - h - 2, ly));
        g.setColor(new Color(255, 255, 255, 215));
        g.fill(new Rectangle2D.Double(lx - 3, ly, w + 6, h));
        g.setColor(Drawing.INK);
        Drawing.text(g, label, lx, ly + h / 2, Align.START, Align.CENTER);
    }

    private static void legend(Graphics2D g, Epochs epochs, int[] picks, double x, double y) {
        g.setFont(Drawing.font(Font.PLAIN, 12f));
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < picks.length; i++) {
            double row = y + i * 19 + 8;
            g.setColor(colour(i, picks.length));
            g.draw(new Line2D.Double(x, row, x + 20, row));
            g.setColor(Drawing.INK);
            Drawing.text(g, epochs.channelNames().get(picks[i]), x + 27, row, Align.START, Align.CENTER);
        }
    }

    /** Single epochs of one channel as rows of colour (epoch 1 at the bottom, as MNE), with a colour bar in µV. */
    private static void epochsImage(Graphics2D g, Epochs epochs, int channel, Frame frame) {
        int rows = epochs.epochCount();
        int times = epochs.timeCount();
        double[] magnitudes = new double[rows * times];
        int m = 0;
        for (int e = 0; e < epochs.epochCount(); e++) {
            for (double v : epochs.epochRow(e, channel)) {
                if (Double.isFinite(v)) {
                    magnitudes[m++] = Math.abs(v) * 1e6;
                }
            }
        }
        // the 99th percentile, not the maximum, so one artefact does not wash out every other epoch
        double limit = Stats.quantileInPlace(magnitudes, m, 0.99);
        if (!(limit > 0)) {
            limit = 1;
        }
        double step = Drawing.niceStep(2 * limit, 4);
        limit = Math.max(step, Math.ceil(limit / step - 1e-9) * step);

        int w = (int) frame.width;
        int h = (int) frame.height;
        BufferedImage pixels = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] line = new int[w];
        for (int py = 0; py < h; py++) {
            int e = (int) Math.min(rows - 1, Math.floor((h - py - 0.5) / h * rows));
            double[] row = epochs.epochRow(e, channel);
            for (int px = 0; px < w; px++) {
                int t = (int) Math.min(times - 1, Math.round((px + 0.5) / w * (times - 1)));
                double v = row[t] * 1e6;
                line[px] = Double.isFinite(v) ? ramp(RD_BU_R, 0.5 + v / (2 * limit)).getRGB() : 0xFFDDDDDD;
            }
            pixels.setRGB(0, py, w, 1, line, 0, w);
        }
        g.drawImage(pixels, (int) frame.left, (int) frame.top, null);
        frame.onsetLine(g);
        frame.axes(g, "Epoch", true);

        g.setColor(Drawing.INK);
        g.setFont(Drawing.font(Font.BOLD, 13f));
        Drawing.text(g, epochs.channelNames().get(channel) + ": each of the " + rows + " epochs", frame.left,
                frame.top - 8, Align.START, Align.END);

        double barX = frame.left + frame.width + 16;
        int barWidth = 14;
        for (int py = 0; py < h; py++) {
            g.setColor(ramp(RD_BU_R, 1 - (py + 0.5) / h));
            g.fill(new Rectangle2D.Double(barX, frame.top + py, barWidth, 1));
        }
        g.setColor(Drawing.FRAME);
        g.setStroke(Drawing.HAIRLINE);
        g.draw(new Rectangle2D.Double(barX, frame.top, barWidth, h));
        g.setFont(Drawing.font(Font.PLAIN, 11f));
        g.setColor(Drawing.INK);
        for (double v : Drawing.ticks(-limit, limit, step)) {
            double y = frame.top + (1 - (v + limit) / (2 * limit)) * h;
            g.draw(new Line2D.Double(barX + barWidth, y, barX + barWidth + 3, y));
            Drawing.text(g, Drawing.tickLabel(v, step), barX + barWidth + 6, y, Align.START, Align.CENTER);
        }
        Drawing.text(g, "\u00b5V", barX, frame.top - 8, Align.START, Align.END);
    }

    /** A plot rectangle with data ranges: maps time and value to pixels and draws its grid and axes. */
    private static final class Frame {
        final double left;
        final double top;
        final double width;
        final double height;
        final double t0;
        final double t1;
        final double lo;
        final double hi;

        Frame(double left, double top, double width, double height, double t0, double t1, double lo, double hi) {
            this.left = left;
            this.top = top;
            this.width = width;
            this.height = height;
            this.t0 = t0;
            this.t1 = t1;
            this.lo = lo;
            this.hi = hi;
        }

        double x(double t) {
            return left + (t - t0) / (t1 - t0) * width;
        }

        double y(double v) {
            return top + (hi - v) / (hi - lo) * height;
        }

        double timeStep() {
            return Drawing.niceStep(t1 - t0, Math.max(2, (int) (width / 90)));
        }

        double valueStep() {
            double step = Drawing.niceStep(hi - lo, Math.max(2, (int) (height / 55)));
            return lo == 0.5 ? Math.max(1, step) : step; // epoch numbers are whole
        }

        void grid(Graphics2D g, boolean horizontal) {
            g.setStroke(Drawing.HAIRLINE);
            g.setColor(Drawing.GRID);
            for (double t : Drawing.ticks(t0, t1, timeStep())) {
                g.draw(new Line2D.Double(x(t), top, x(t), top + height));
            }
            if (horizontal) {
                for (double v : Drawing.ticks(lo, hi, valueStep())) {
                    g.draw(new Line2D.Double(left, y(v), left + width, y(v)));
                }
            }
        }

        void onsetLine(Graphics2D g) {
            if (t0 < 0 && t1 > 0) {
                g.setColor(ONSET_LINE);
                g.setStroke(Drawing.DASHED);
                g.draw(new Line2D.Double(x(0), top, x(0), top + height));
            }
        }

        void axes(Graphics2D g, String valueTitle, boolean timeTitle) {
            g.setStroke(Drawing.HAIRLINE);
            g.setColor(Drawing.FRAME);
            g.draw(new Rectangle2D.Double(left, top, width, height));
            g.setFont(Drawing.font(Font.PLAIN, 12f));
            double ts = timeStep();
            for (double t : Drawing.ticks(t0, t1, ts)) {
                g.setColor(Drawing.FRAME);
                g.draw(new Line2D.Double(x(t), top + height, x(t), top + height + 5));
                g.setColor(Drawing.INK);
                Drawing.text(g, Drawing.tickLabel(t, ts), x(t), top + height + 9, Align.CENTER, Align.START);
            }
            double vs = valueStep();
            for (double v : Drawing.ticks(lo, hi, vs)) {
                g.setColor(Drawing.FRAME);
                g.draw(new Line2D.Double(left - 5, y(v), left, y(v)));
                g.setColor(Drawing.INK);
                Drawing.text(g, Drawing.tickLabel(v, vs), left - 9, y(v), Align.END, Align.CENTER);
            }
            g.setFont(Drawing.font(Font.PLAIN, 13f));
            g.setColor(Drawing.INK);
            if (timeTitle) {
                Drawing.text(g, "Time (s)", left + width / 2, top + height + 42, Align.CENTER, Align.END);
            }
            Drawing.verticalText(g, valueTitle, left - 58, top + height / 2);
        }
    }
}
