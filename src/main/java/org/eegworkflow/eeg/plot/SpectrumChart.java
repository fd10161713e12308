package org.eegworkflow.eeg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A power spectrum as MNE's {@code spectrum.plot()} draws it: power in dB (10 log10 of µV²/Hz) over frequency, a
 * thin line per channel in a colour of its own and their mean drawn thick, so the 10 Hz alpha peak or a 50 Hz line
 * stands out at a glance.
 */
public final class SpectrumChart {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 640;

    private SpectrumChart() {
    }

    /**
     * @param freqs  Hz
     * @param psd    channels x frequencies, in V²/Hz
     * @param names  the channels' names, for the title's count
     */
    public static BufferedImage draw(String title, double[] freqs, double[][] psd, List<String> names) {
        if (freqs.length < 2 || psd.length == 0) {
            throw new IllegalArgumentException("a spectrum plot needs at least 2 frequencies and 1 channel");
        }
        double[][] db = new double[psd.length][freqs.length];
        double[] mean = new double[freqs.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < psd.length; c++) {
            for (int k = 0; k < freqs.length; k++) {
                // µV²/Hz, as MNE labels EEG spectra; a zero power (a flat channel) is drawn at the bottom
                double v = psd[c][k] * 1e12;
                db[c][k] = v > 0 ? 10 * Math.log10(v) : Double.NaN;
                mean[k] += psd[c][k] * 1e12 / psd.length;
                if (Double.isFinite(db[c][k])) {
                    lo = Math.min(lo, db[c][k]);
                    hi = Math.max(hi, db[c][k]);
                }
            }
        }
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("the spectrum has no positive power to plot (flat channels?)");
        }
        if (hi - lo < 1) {
            lo -= 0.5;
            hi += 0.5;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);
        double left = 90;
        double right = WIDTH - 30;
        double top = 60;
        double bottom = HEIGHT - 70;
        double f0 = freqs[0];
        double f1 = freqs[freqs.length - 1];
        g.setFont(Drawing.font(Font.BOLD, 17f));
        g.setColor(Drawing.INK);
        Drawing.text(g, title, left, 28, Drawing.Align.START, Drawing.Align.CENTER);
        g.setFont(Drawing.font(Font.PLAIN, 13f));
        g.setColor(Drawing.MUTED);
        Drawing.text(g, psd.length + " channel" + (psd.length == 1 ? "" : "s") + ", their mean in black", right, 28,
                Drawing.Align.END, Drawing.Align.CENTER);
        double xStep = Drawing.niceStep(f1 - f0, 12);
        double yStep = Drawing.niceStep(hi - lo, 8);
        g.setStroke(Drawing.HAIRLINE);
        for (double t : Drawing.ticks(f0, f1, xStep)) {
            double x = left + (t - f0) / (f1 - f0) * (right - left);
            g.setColor(Drawing.GRID);
            g.draw(new java.awt.geom.Line2D.Double(x, top, x, bottom));
            g.setColor(Drawing.MUTED);
            Drawing.text(g, Drawing.tickLabel(t, xStep), x, bottom + 8, Drawing.Align.CENTER, Drawing.Align.START);
        }
        for (double t : Drawing.ticks(lo, hi, yStep)) {
            double y = bottom - (t - lo) / (hi - lo) * (bottom - top);
            g.setColor(Drawing.GRID);
            g.draw(new java.awt.geom.Line2D.Double(left, y, right, y));
            g.setColor(Drawing.MUTED);
            Drawing.text(g, Drawing.tickLabel(t, yStep), left - 8, y, Drawing.Align.END, Drawing.Align.CENTER);
        }
        g.setColor(Drawing.FRAME);
        g.draw(new java.awt.geom.Rectangle2D.Double(left, top, right - left, bottom - top));
        g.setColor(Drawing.INK);
        g.setFont(Drawing.font(Font.PLAIN, 14f));
        Drawing.text(g, "Frequency (Hz)", (left + right) / 2, HEIGHT - 24, Drawing.Align.CENTER, Drawing.Align.END);
        Drawing.verticalText(g, "Power (dB re 1 µV²/Hz)", 28, (top + bottom) / 2);
        java.awt.Shape clip = g.getClip();
        g.clip(new java.awt.geom.Rectangle2D.Double(left, top, right - left, bottom - top));
        g.setStroke(new BasicStroke(1f));
        for (int c = 0; c < db.length; c++) {
            float hue = db.length == 1 ? 0.6f : (float) c / db.length * 0.85f;
            Color color = Color.getHSBColor(hue, 0.65f, 0.8f);
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150));
            g.draw(path(freqs, db[c], f0, f1, lo, hi, left, right, top, bottom));
        }
        double[] meanDb = new double[mean.length];
        for (int k = 0; k < mean.length; k++) {
            meanDb[k] = mean[k] > 0 ? 10 * Math.log10(mean[k]) : Double.NaN;
        }
        g.setStroke(new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(Drawing.INK);
        g.draw(path(freqs, meanDb, f0, f1, lo, hi, left, right, top, bottom));
        g.setClip(clip);
        g.dispose();
        return image;
    }

    private static Path2D path(double[] freqs, double[] values, double f0, double f1, double lo, double hi,
                               double left, double right, double top, double bottom) {
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int k = 0; k < freqs.length; k++) {
            if (!Double.isFinite(values[k])) {
                pen = false;
                continue;
            }
            double x = left + (freqs[k] - f0) / (f1 - f0) * (right - left);
            double y = bottom - (values[k] - lo) / (hi - lo) * (bottom - top);
            if (pen) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                pen = true;
            }
        }
        return path;
    }
}
