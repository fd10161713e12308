package org.eegworkflow.eeg.dsp;

import java.util.stream.IntStream;

import org.eegworkflow.sdk.Samples;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Power spectral density by Welch's method as MNE 1.3's {@code psd_array_welch} computes it through scipy's
 * {@code spectrogram}: segments of {@code perSegment} samples, {@code overlap} apart from the next one's start by
 * {@code perSegment - overlap}; each segment has its mean removed ({@code detrend='constant'}), is multiplied by a
 * periodic Hamming window, zero-padded to {@code fftLength}, transformed, and scaled to a one-sided density
 * ({@code 1 / (fs * sum(w^2))}, doubled except at 0 Hz and, for an even length, Nyquist); the segments are averaged
 * ({@code average='mean'}). A recording is read one segment at a time, so memory does not grow with its length.
 *
 * <p>Spans annotated {@code BAD...} are left out as MNE 1.3's {@code Raw.compute_psd(reject_by_annotation=True)}
 * leaves them: it reads those samples as NaN, every segment touching one comes out NaN, and {@code np.nanmean} averages
 * the others. Here such segments are skipped before their transform, which gives the same mean.
 */
public final class Welch {

    /** The spectrum: {@code psd[row][k]} in units² / Hz at {@code freqs[k]} Hz. */
    public record Spectrum(double[] freqs, double[][] psd, int segments) {
    }

    private Welch() {
    }

    /**
     * The PSD of some rows of a recording, between {@code fmin} and {@code fmax} Hz inclusive, as
     * {@code mne.time_frequency.psd_array_welch(x, sfreq, fmin, fmax, n_fft, n_overlap, n_per_seg)}.
     *
     * @param perSegment {@code n_per_seg}, or 0 for {@code fftLength}
     * @throws IllegalArgumentException with the property a researcher would change, for lengths that do not fit
     */
    public static Spectrum psd(Samples samples, int[] rows, double rate, int fftLength, int perSegment, int overlap,
                               double fmin, double fmax) {
        return psd(samples, rows, rate, fftLength, perSegment, overlap, fmin, fmax, new long[0][]);
    }

    /**
     * As {@link #psd(Samples, int[], double, int, int, int, double, double)}, leaving out the segments that overlap
     * one of the sample spans {@code excluded[i] = {start, stop}} (stop exclusive).
     *
     * @throws IllegalArgumentException when every segment overlaps one
     */
    public static Spectrum psd(Samples samples, int[] rows, double rate, int fftLength, int perSegment, int overlap,
                               double fmin, double fmax, long[][] excluded) {
        long n = samples.columns();
        if (fftLength < 1) {
            throw new IllegalArgumentException("property 'FFT Length': must be at least 1 sample, not " + fftLength);
        }
        if (perSegment <= 0 && fftLength > n) {
            throw new IllegalArgumentException("property 'FFT Length': " + fftLength + " samples is longer than the"
                    + " recording (" + n + " samples); set 'Segment Length' to zero-pad shorter segments");
        }
        // _check_nfft
        int segment = perSegment <= 0 || perSegment > fftLength ? fftLength : perSegment;
        segment = (int) Math.min(segment, n);
        if (overlap < 0 || overlap >= segment) {
            throw new IllegalArgumentException("property 'Overlap': must be at least 0 and less than the segment"
                    + " length (" + segment + " samples), not " + overlap);
        }
        double[] all = new double[fftLength / 2 + 1];
        int first = -1;
        int last = -1;
        for (int k = 0; k < all.length; k++) {
            all[k] = k * (rate / fftLength);
            if (all[k] >= fmin && all[k] <= fmax) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("no frequencies between " + FirDesign.number(fmin) + " and "
                    + FirDesign.number(fmax) + " Hz at " + FirDesign.number(rate) + " Hz sampling with an FFT of "
                    + fftLength + " samples");
        }
        double[] freqs = java.util.Arrays.copyOfRange(all, first, last + 1);
        int step = segment - overlap;
        long count = (n - overlap) / step;
        if (count < 1) {
            throw new IllegalArgumentException("the recording (" + n + " samples) is shorter than one segment");
        }
        boolean[] skip = new boolean[(int) count];
        int kept = 0;
        for (int s = 0; s < count; s++) {
            long start = (long) s * step;
            for (long[] span : excluded) {
                if (span[0] < span[1] && span[0] < start + segment && span[1] > start) {
                    skip[s] = true;
                    break;
                }
            }
            kept += skip[s] ? 0 : 1;
        }
        if (kept == 0) {
            throw new IllegalArgumentException("every one of the " + count + " Welch segments of " + segment
                    + " samples overlaps a BAD annotation: nothing is left to estimate the spectrum from");
        }
        double[] window = FirDesign.hamming(segment + 1);
        window = java.util.Arrays.copyOf(window, segment);  // scipy's periodic window: a symmetric one, truncated
        double[] squares = new double[segment];
        for (int i = 0; i < segment; i++) {
            squares[i] = window[i] * window[i];
        }
        double scale = 1.0 / (rate * NumpySum.pairwise(squares, 0, segment));
        double[][] psd = new double[rows.length][];
        int segmentLength = segment;
        double[] w = window;
        int from = first;
        int to = last;
        int keptSegments = kept;
        IntStream.range(0, rows.length).parallel().forEach(r -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(fftLength);
            double[] buffer = new double[segmentLength];
            double[] spectrum = new double[2 * fftLength];
            double[] sum = new double[to - from + 1];
            for (long s = 0; s < count; s++) {
                if (skip[(int) s]) {
                    continue;
                }
                samples.read(rows[r], s * step, buffer, 0, segmentLength);
                double mean = NumpySum.pairwise(buffer, 0, segmentLength) / segmentLength;
                java.util.Arrays.fill(spectrum, 0);
                for (int i = 0; i < segmentLength; i++) {
                    spectrum[i] = (buffer[i] - mean) * w[i];
                }
                fft.realForwardFull(spectrum);
                for (int k = from; k <= to; k++) {
                    double re = spectrum[2 * k];
                    double im = spectrum[2 * k + 1];
                    double p = (re * re + im * im) * scale;
                    boolean edge = k == 0 || (fftLength % 2 == 0 && k == fftLength / 2);
                    sum[k - from] += edge ? p : 2 * p;
                }
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] /= keptSegments;
            }
            psd[r] = sum;
        });
        return new Spectrum(freqs, psd, kept);
    }
}
