package org.eegworkflow.eeg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.eeg.plot.Drawing.Align;

/** The stacked trace view of a recording: one trace per channel, offset vertically, time across. */
final class TraceChart {
    /** A typical channel's central 95 % of values spans this fraction of its slot. */
    static final double FILL = 0.8;
    /** In an envelope, a typical pixel column spans at most this fraction of a spacing: long views stay ribbons. */
    static final double ENVELOPE_FILL = 0.5;
    /** Traces are clipped this many slot heights above and below their baseline, as MNE's raw browser does (1.5). */
    static final double CLIP = 1.5;
    /** Values per channel that the scale is estimated from: plenty for percentiles, cheap on an hour of data. */
    private static final int SUBSAMPLE = 8192;
    /** Above this many markers in the window, marker labels would only overlap: draw the lines alone. */
    private static final int MAX_LABELLED_MARKERS = 150;

    private static final Color EEG_TRACE = new Color(0x1F, 0x2A, 0x44);
    private static final Color MISC_TRACE = new Color(0x1B, 0x7A, 0x6A);
    private static final Color BASELINE = new Color(0xF0, 0xF1, 0xF3);
    private static final Color[] MARKER_COLOURS = {
        new Color(0xD6, 0x60, 0x1A), new Color(0x7B, 0x3F, 0xA8), new Color(0x1F, 0x8A, 0x3B),
        new Color(0xC2, 0x18, 0x5B), new Color(0x0B, 0x72, 0xB5), new Color(0x8A, 0x6D, 0x10),
        new Color(0x54, 0x6E, 0x7A), new Color(0xB7, 0x3A, 0x3A)
    };

    private TraceChart() {
    }

    /**
     * Where each drawn channel's baseline sits (its median over the window, volts) and the distance between two
     * baselines in volts ({@code spacing}, per channel: misc channels have their own, EEG channels share
     * {@code eegSpacing}). The EEG spacing is set from the median EEG channel, so that a single noisy channel cannot
     * flatten the others: its central 95 % of values spans {@link #FILL} of a spacing and, when the window is drawn
     * as an envelope, its typical pixel column spans at most {@link #ENVELOPE_FILL}.
     */
    record Scaling(double[] centre, double[] spacing, double eegSpacing) {
    }

    /**
     * @param columnRange per channel, the median over pixel columns of (column maximum - column minimum), volts; null
     *                    when every sample is drawn
     */
    static Scaling scaling(EegData data, int[] picks, int from, int to, double[] columnRange) {
        double[] centre = new double[picks.length];
        double[] spacing = new double[picks.length];
        double[] buffer = new double[SUBSAMPLE];
        int stride = Math.max(1, (to - from) / SUBSAMPLE);
        double[] eegSpacings = new double[picks.length];
        int eeg = 0;
        for (int i = 0; i < picks.length; i++) {
            int n = 0;
            for (int k = from; k < to && n < SUBSAMPLE; k += stride) {
                double v = data.samples().get(picks[i], k);
                if (Double.isFinite(v)) {
                    buffer[n++] = v;
                }
            }
            java.util.Arrays.sort(buffer, 0, n);
            double lo = Stats.quantileSorted(buffer, n, 0.025);
            double hi = Stats.quantileSorted(buffer, n, 0.975);
            centre[i] = n == 0 ? 0 : Stats.quantileSorted(buffer, n, 0.5);
            spacing[i] = n == 0 ? 0 : (hi - lo) / FILL;
            if (columnRange != null && Double.isFinite(columnRange[i])) {
                spacing[i] = Math.max(spacing[i], columnRange[i] / ENVELOPE_FILL);
            }
            if (data.channelKinds().get(picks[i]) == ChannelKind.EEG && spacing[i] > 0) {
                eegSpacings[eeg++] = spacing[i];
            }
        }
        double eegSpacing = eeg == 0 ? Double.NaN : Stats.quantileInPlace(eegSpacings, eeg, 0.5);
        if (!(eegSpacing > 0)) {
            // no EEG channel, or only flat ones: fall back on the widest channel, then on 10 µV
            double widest = 0;
            for (double w : spacing) {
                widest = Math.max(widest, w);
            }
            eegSpacing = widest > 0 ? widest : 10e-6;
        }
        for (int i = 0; i < picks.length; i++) {
            if (data.channelKinds().get(picks[i]) == ChannelKind.EEG || !(spacing[i] > 0)) {
                spacing[i] = eegSpacing;
            }
        }
        return new Scaling(centre, spacing, eegSpacing);
    }

    /**
     * Each pixel column's lowest and highest sample of one channel (NaN where a column holds no finite sample).
     * Each column includes the previous column's last sample, so that strokes drawn from them join.
     */
    /** Samples {@code from .. to} of one channel. */
    private static double[] window(EegData data, int channel, int from, int to) {
        double[] row = new double[to - from];
        data.samples().read(channel, from, row, 0, row.length);
        return row;
    }

    /** {@link #envelope(double[], int, int, int, double[], double[])} of a row of samples, read a chunk at a time. */
    static void envelope(Samples samples, int channel, int from, int to, int columns, double[] low, double[] high) {
        double[] chunk = new double[Math.min(to - from, ENVELOPE_CHUNK)];
        // the chunk is read at the first pixel column it serves; a column spans chunks by reading them in turn
        long length = to - from;
        int start = from;
        double previous = Double.NaN;
        int chunkStart = from;
        int chunkEnd = from;
        for (int c = 0; c < columns; c++) {
            int end = from + (int) ((c + 1) * length / columns);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double last = previous;
            for (int s = start; s < end; s++) {
                if (s >= chunkEnd) {
                    chunkStart = s;
                    chunkEnd = Math.min(to, s + chunk.length);
                    samples.read(channel, chunkStart, chunk, 0, chunkEnd - chunkStart);
                }
                double v = chunk[s - chunkStart];
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
                last = v;
            }
            if (previous < lo) {
                lo = previous;
            }
            if (previous > hi) {
                hi = previous;
            }
            previous = end > start ? last : previous;
            start = end;
            low[c] = lo <= hi ? lo : Double.NaN;
            high[c] = lo <= hi ? hi : Double.NaN;
        }
    }

    private static final int ENVELOPE_CHUNK = 1 << 14;

    static void envelope(double[] row, int from, int to, int columns, double[] low, double[] high) {
        long length = to - from;
        int start = from;
        double previous = Double.NaN;
        for (int c = 0; c < columns; c++) {
            int end = from + (int) ((c + 1) * length / columns);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int s = start; s < end; s++) {
                double v = row[s];
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
            if (previous < lo) {
                lo = previous;
            }
            if (previous > hi) {
                hi = previous;
            }
            previous = end > start ? row[end - 1] : previous;
            start = end;
            low[c] = lo <= hi ? lo : Double.NaN;
            high[c] = lo <= hi ? hi : Double.NaN;
        }
    }

    static BufferedImage draw(EegData data, TraceOptions options) {
        String source = data.source();
        int samples = data.sampleCount();
        if (data.channelCount() == 0 || samples == 0) {
            throw new IllegalArgumentException(source + " has no " + (samples == 0 ? "samples" : "channels")
                    + ": there is nothing to plot");
        }
        double fs = data.samplingRate();
        double length = samples / fs;
        if (options.start() >= length) {
            throw new IllegalArgumentException("'Start (s)' is " + Drawing.number(options.start(), 6) + " s but "
                    + source + " is only " + Drawing.seconds(length) + " s long: choose a start below "
                    + Drawing.seconds(length));
        }
        int from = (int) Math.min(samples - 1, Math.round(options.start() * fs));
        int to = options.duration() == 0 ? samples
                : (int) Math.min(samples, from + Math.max(2, Math.round(options.duration() * fs)));
        if (to - from < 2) {
            from = Math.max(0, to - 2);
        }

        int[] picks;
        int omitted = 0;
        if (options.channels().isEmpty()) {
            int count = Math.min(data.channelCount(), EegCharts.MAX_TRACES);
            omitted = data.channelCount() - count;
            picks = new int[count];
            for (int i = 0; i < count; i++) {
                picks[i] = i;
            }
        } else {
            picks = ChannelPicks.resolve(data.channelNames(), options.channels(), "Channels", source);
            if (picks.length > EegCharts.MAX_TRACES) {
                throw new IllegalArgumentException("'Channels' names " + picks.length + " channels but one chart"
                        + " shows at most " + EegCharts.MAX_TRACES + ": split them over two charts");
            }
            if (picks.length == 0) {
                picks = new int[] {0};
            }
        }
        int k = picks.length;
        int width = options.width();
        int height = options.height() != 0 ? options.height() : Math.max(600, 130 + 14 * k);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);

        Font labelFont = Drawing.font(Font.PLAIN, 12.5f);
        g.setFont(labelFont);
        double labelWidth = 0;
        for (int p : picks) {
            labelWidth = Math.max(labelWidth, Drawing.width(g, data.channelNames().get(p)));
        }
        int left = (int) Math.max(64, Math.ceil(labelWidth) + 24);
        int right = 100;
        int top = 78;
        int bottom = 58;
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        double slot = plotHeight / (double) k;

        // with two or more samples per pixel column, a channel is drawn as its min/max per column: one pass over the
        // samples, and memory for two numbers per column, however long the window
        boolean decimate = to - from > 2 * plotWidth;
        double[][] low = decimate ? new double[k][plotWidth] : null;
        double[][] high = decimate ? new double[k][plotWidth] : null;
        double[] columnRange = null;
        if (decimate) {
            columnRange = new double[k];
            double[] ranges = new double[plotWidth];
            for (int i = 0; i < k; i++) {
                envelope(data.samples(), picks[i], from, to, plotWidth, low[i], high[i]);
                for (int c = 0; c < plotWidth; c++) {
                    ranges[c] = high[i][c] - low[i][c];
                }
                columnRange[i] = Stats.median(ranges, plotWidth);
            }
        }
        Scaling scaling = scaling(data, picks, from, to, columnRange);
        double tStart = from / fs;
        double tEnd = to / fs;

        title(g, data, picks, omitted, tStart, tEnd, length, scaling.eegSpacing(), left);
        timeAxis(g, left, top, plotWidth, plotHeight, tStart, tEnd);
        for (int i = 0; i < k; i++) {
            double base = top + (i + 0.5) * slot;
            g.setColor(BASELINE);
            g.setStroke(Drawing.HAIRLINE);
            g.draw(new Line2D.Double(left, base, left + plotWidth, base));
        }
        markers(g, data.annotations(), left, top, plotWidth, plotHeight, tStart, tEnd);

        // traces stop at CLIP slots from their baseline, and never spill out of the plot area into the margins
        Graphics2D plot = (Graphics2D) g.create();
        plot.clip(new Rectangle2D.Double(left, top, plotWidth, plotHeight));
        plot.setStroke(new BasicStroke(k > 40 ? 0.8f : 1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        boolean[] clipped = new boolean[k];
        boolean anyMisc = false;
        for (int i = 0; i < k; i++) {
            // drawn sample by sample only when the window is short (at most two samples per pixel column)
            double[] row = decimate ? null : window(data, picks[i], from, to);
            boolean eeg = data.channelKinds().get(picks[i]) == ChannelKind.EEG;
            anyMisc |= !eeg;
            double pixelsPerVolt = slot / scaling.spacing()[i];
            double base = top + (i + 0.5) * slot;
            Trace trace = new Trace(base, scaling.centre()[i], pixelsPerVolt, CLIP * slot);
            Path2D.Double path = decimate
                    ? trace.strokes(low[i], high[i], left)
                    : trace.line(row, 0, to - from, left, plotWidth);
            clipped[i] = trace.clippedFraction() > 0.01;
            plot.setColor(eeg ? EEG_TRACE : MISC_TRACE);
            plot.draw(path);
        }
        plot.dispose();

        channelLabels(g, data, picks, clipped, left, top, slot);
        g.setColor(Drawing.FRAME);
        g.setStroke(Drawing.HAIRLINE);
        g.draw(new Rectangle2D.Double(left + 0.5, top + 0.5, plotWidth - 1, plotHeight - 1));
        scaleBar(g, left + plotWidth, top + plotHeight, slot, scaling.eegSpacing());
        footnote(g, width, height, clipped, anyMisc);
        g.dispose();
        return image;
    }

    /** Maps one channel's samples to pixels, clipping at its limit and counting how often it had to. */
    private static final class Trace {
        private final double base;
        private final double centre;
        private final double pixelsPerVolt;
        private final double limit;
        private long points;
        private long clipped;

        Trace(double base, double centre, double pixelsPerVolt, double limit) {
            this.base = base;
            this.centre = centre;
            this.pixelsPerVolt = pixelsPerVolt;
            this.limit = limit;
        }

        private double y(double volts) {
            double offset = (volts - centre) * pixelsPerVolt;
            points++;
            if (offset > limit || offset < -limit) {
                clipped++;
                offset = offset > 0 ? limit : -limit;
            }
            return base - offset;
        }

        double clippedFraction() {
            return points == 0 ? 0 : clipped / (double) points;
        }

        /** Every sample joined by a line: for windows with fewer than two samples per pixel column. */
        Path2D.Double line(double[] row, int from, int to, double left, double width) {
            Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, to - from);
            double step = width / (to - from);
            boolean drawing = false;
            for (int s = from; s < to; s++) {
                if (!Double.isFinite(row[s])) {
                    drawing = false;
                    continue;
                }
                double x = left + (s - from + 0.5) * step;
                double y = y(row[s]);
                if (drawing) {
                    path.lineTo(x, y);
                } else {
                    path.moveTo(x, y);
                    drawing = true;
                }
            }
            return path;
        }

        /**
         * One vertical stroke per pixel column from the column's lowest to its highest sample: what a line through
         * every sample would cover, at a cost that depends on the image width, not on the recording's length.
         */
        Path2D.Double strokes(double[] low, double[] high, double left) {
            Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, 2 * low.length);
            for (int c = 0; c < low.length; c++) {
                if (Double.isNaN(low[c])) {
                    continue; // only missing values in this column: leave a gap
                }
                double yTop = y(high[c]);
                double yBottom = y(low[c]);
                if (yBottom - yTop < 1) {
                    double middle = (yTop + yBottom) / 2;
                    yTop = middle - 0.5;
                    yBottom = middle + 0.5;
                }
                double x = left + c + 0.5;
                path.moveTo(x, yTop);
                path.lineTo(x, yBottom);
            }
            return path;
        }
    }

    private static void title(Graphics2D g, EegData data, int[] picks, int omitted, double tStart, double tEnd,
                              double length, double spacing, int left) {
        g.setColor(Drawing.INK);
        g.setFont(Drawing.font(Font.BOLD, 17f));
        Drawing.text(g, data.source(), left, 26, Align.START, Align.END);
        int eeg = 0;
        for (int p : picks) {
            eeg += data.channelKinds().get(p) == ChannelKind.EEG ? 1 : 0;
        }
        int misc = picks.length - eeg;
        String channels;
        if (omitted > 0) {
            channels = "first " + picks.length + " of " + data.channelCount() + " channels (pick others with Channels)";
        } else if (picks.length < data.channelCount()) {
            channels = picks.length + " of " + data.channelCount() + " channels";
        } else {
            channels = picks.length + (picks.length == 1 ? " channel" : " channels");
        }
        if (misc > 0 && eeg > 0) {
            channels += " (" + eeg + " EEG, " + misc + " misc)";
        } else if (misc > 0) {
            channels += " (misc)";
        }
        String subtitle = channels + "  \u00b7  " + Drawing.number(data.samplingRate(), 6) + " Hz  \u00b7  "
                + Drawing.seconds(tStart) + "\u2013" + Drawing.seconds(tEnd) + " s of " + Drawing.seconds(length)
                + " s";
        if (eeg > 0) {
            subtitle += "  \u00b7  EEG channel spacing " + Drawing.number(spacing * 1e6, 2) + " \u00b5V";
        }
        g.setColor(Drawing.MUTED);
        g.setFont(Drawing.font(Font.PLAIN, 13f));
        Drawing.text(g, subtitle, left, 47, Align.START, Align.END);
    }

    private static void timeAxis(Graphics2D g, int left, int top, int width, int height, double t0, double t1) {
        double step = Drawing.niceStep(t1 - t0, Math.max(2, width / 90));
        g.setFont(Drawing.font(Font.PLAIN, 12f));
        g.setStroke(Drawing.HAIRLINE);
        for (double t : Drawing.ticks(t0, t1, step)) {
            double x = left + (t - t0) / (t1 - t0) * width;
            g.setColor(Drawing.GRID);
            g.draw(new Line2D.Double(x, top, x, top + height));
            g.setColor(Drawing.FRAME);
            g.draw(new Line2D.Double(x, top + height, x, top + height + 5));
            g.setColor(Drawing.INK);
            Drawing.text(g, Drawing.tickLabel(t, step), x, top + height + 9, Align.CENTER, Align.START);
        }
        g.setFont(Drawing.font(Font.PLAIN, 13f));
        Drawing.text(g, "Time (s)", left + width / 2.0, top + height + 42, Align.CENTER, Align.END);
    }

    /** Markers (annotations) as coloured vertical lines, durations shaded, short labels above the plot. */
    private static void markers(Graphics2D g, List<Annotation> annotations, int left, int top, int width,
                                int height, double t0, double t1) {
        List<Annotation> shown = new ArrayList<>();
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Annotation a : annotations) {
            // colours follow the whole recording's order of descriptions: a marker keeps its colour in every window
            colours.computeIfAbsent(a.description(), d -> MARKER_COLOURS[colours.size() % MARKER_COLOURS.length]);
            if (a.onset() + a.duration() >= t0 && a.onset() <= t1) {
                shown.add(a);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        boolean labelled = shown.size() <= MAX_LABELLED_MARKERS;
        g.setFont(Drawing.font(Font.PLAIN, 11f));
        double labelEnd = Double.NEGATIVE_INFINITY;
        for (Annotation a : shown) {
            Color colour = colours.get(a.description());
            double x = left + (Math.max(a.onset(), t0) - t0) / (t1 - t0) * width;
            if (a.duration() > 0) {
                double x2 = left + (Math.min(a.onset() + a.duration(), t1) - t0) / (t1 - t0) * width;
                g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 28));
                g.fill(new Rectangle2D.Double(x, top, Math.max(1, x2 - x), height));
            }
            if (a.onset() < t0) {
                continue;
            }
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), labelled ? 150 : 70));
            g.setStroke(Drawing.HAIRLINE);
            // too many markers for lines through the traces (they would hide them): a rug of ticks above the plot
            g.draw(new Line2D.Double(x, top - (labelled ? 4 : 9), x, labelled ? top + height : top - 1));
            String label = shortLabel(a.description());
            double w = Drawing.width(g, label);
            if (labelled && x - w / 2 > labelEnd + 3) {
                g.setColor(colour);
                Drawing.text(g, label, x, top - 6, Align.CENTER, Align.END);
                labelEnd = x + w / 2;
            }
        }
    }

    /** "Stimulus/S253" shows as "S253", "New Segment/" as "New Segment": the part a researcher recognises. */
    static String shortLabel(String description) {
        String d = description.trim();
        int slash = d.lastIndexOf('/');
        String tail = slash >= 0 ? d.substring(slash + 1).trim() : d;
        String label = tail.isEmpty() && slash > 0 ? d.substring(0, slash).trim() : tail;
        return label.replaceAll("\\s+", " ");
    }

    private static void channelLabels(Graphics2D g, EegData data, int[] picks, boolean[] clipped, int left, int top,
                                      double slot) {
        float size = (float) Math.max(8.5, Math.min(12.5, slot * 0.8));
        g.setFont(Drawing.font(Font.PLAIN, size));
        // when slots are lower than a line of text, label every second (third, ...) channel rather than overprint
        int every = (int) Math.max(1, Math.ceil(size * 1.1 / slot));
        for (int i = 0; i < picks.length; i += every) {
            boolean eeg = data.channelKinds().get(picks[i]) == ChannelKind.EEG;
            g.setColor(clipped[i] ? Drawing.WARN : eeg ? Drawing.INK : MISC_TRACE);
            Drawing.text(g, data.channelNames().get(picks[i]), left - 8, top + (i + 0.5) * slot, Align.END,
                    Align.CENTER);
        }
    }

    /** A vertical bar of a round number of microvolts at the bottom right, at the EEG channels' scale. */
    private static void scaleBar(Graphics2D g, int plotRight, int plotBottom, double slot, double spacing) {
        double microvoltsPerPixel = spacing * 1e6 / slot;
        double maxPixels = Math.min(120, Math.max(slot * 2, 40));
        double value = Drawing.niceBelow(maxPixels * microvoltsPerPixel);
        double pixels = value / microvoltsPerPixel;
        double x = plotRight + 18;
        double y1 = plotBottom - 4;
        double y0 = y1 - pixels;
        g.setColor(Drawing.INK);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(x, y0, x, y1));
        g.setStroke(Drawing.HAIRLINE);
        g.draw(new Line2D.Double(x - 4, y0, x + 4, y0));
        g.draw(new Line2D.Double(x - 4, y1, x + 4, y1));
        g.setFont(Drawing.font(Font.PLAIN, 12f));
        Drawing.text(g, Drawing.number(value, 3) + " \u00b5V", x + 8, (y0 + y1) / 2, Align.START, Align.CENTER);
    }

    private static void footnote(Graphics2D g, int width, int height, boolean[] clipped, boolean anyMisc) {
        List<String> notes = new ArrayList<>();
        boolean anyClipped = false;
        for (boolean c : clipped) {
            anyClipped |= c;
        }
        if (anyClipped) {
            notes.add("red labels: traces clipped at \u00b1" + Drawing.number(CLIP, 2) + " spacings");
        }
        if (anyMisc) {
            notes.add("misc channels (green) each scaled to fit");
        }
        if (notes.isEmpty()) {
            return;
        }
        g.setFont(Drawing.font(Font.PLAIN, 11f));
        g.setColor(Drawing.MUTED);
        Drawing.text(g, String.join("; ", notes), width - 12, height - 10, Align.END, Align.END);
    }
}
