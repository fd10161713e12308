package org.eegworkflow.eeg.dsp;

import java.util.stream.IntStream;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.Samples;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Zero-phase FIR filtering as MNE-Python 1.3's {@code raw.filter(l_freq, h_freq, fir_design='firwin')}: the kernel of
 * {@link FirDesign}, applied by FFT overlap-add to signals extended by odd reflection ({@code pad='reflect_limited'}).
 * Results agree with MNE's to about 1e-15 of each channel's amplitude (only the FFT's rounding differs).
 */
public final class FirFilter {
    private FirFilter() {
    }

    /**
     * Filters one signal with a zero-phase kernel, as MNE's {@code _overlap_add_filter(x, h, phase='zero')}.
     *
     * @param x      the signal; not modified
     * @param kernel an odd-length, symmetric kernel such as {@link FirDesign#kernel}
     * @return a new array of the same length
     */
    public static double[] apply(double[] x, double[] kernel) {
        checkKernel(kernel);
        double[] out = new double[x.length];
        if (x.length == 0) {
            return out;
        }
        if (kernel.length == 1) {
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] * kernel[0];
            }
            return out;
        }
        OverlapAdd filter = new OverlapAdd(kernel, x.length);
        filter.filter(x, out, filter.plan(), filter.newBuffer());
        return out;
    }

    /** {@link #filter(EegData, Double, Double, Samples.Factory)} into samples in the heap (tests, short recordings). */
    public static EegData filter(EegData data, Double low, Double high) {
        return filter(data, low, high, Samples.inMemory());
    }

    /**
     * Band-pass, low-pass or high-pass filters a recording's EEG channels, as MNE's
     * {@code raw.filter(low, high, fir_design='firwin')} with its defaults. Channels of kind {@link ChannelKind#MISC}
     * are passed through unchanged, as MNE leaves non-data channels alone. The recording is read and the result
     * written one FFT block at a time, the channels spread over the cores: memory does not grow with its length.
     *
     * @param low     the high-pass edge in Hz ("Low Cutoff Frequency"), or null for a low-pass filter
     * @param high    the low-pass edge in Hz ("High Cutoff Frequency"), or null for a high-pass filter
     * @param samples where the filtered samples go (a block passes its context's {@code newSamples})
     * @return a new recording with the filtered samples
     * @throws IllegalArgumentException for cut-offs {@link FirDesign#kernel} refuses
     */
    public static EegData filter(EegData data, Double low, Double high, Samples.Factory samples) {
        return filter(data, FirDesign.kernel(data.samplingRate(), low, high), samples);
    }

    /**
     * Applies a zero-phase kernel (odd length) to a recording's EEG channels as MNE's {@code filter_data} does, with
     * {@code reflect_limited} padding; other channels pass through. Used by the band-pass and the notch filter.
     */
    public static EegData filter(EegData data, double[] kernel, Samples.Factory samples) {
        checkKernel(kernel);
        Samples in = data.samples();
        int length = data.sampleCount();
        Samples.Writer out = samples.newSamples(data.channelCount(), length);
        int[] picks = data.channelsOfKind(ChannelKind.EEG);
        boolean[] filtered = new boolean[data.channelCount()];
        for (int p : picks) {
            filtered[p] = true;
        }
        double[] chunk = new double[Math.min(length, COPY_CHUNK)];
        for (int c = 0; c < filtered.length; c++) {
            if (!filtered[c]) {
                copyRow(in, c, out, chunk);
            }
        }
        if (picks.length > 0 && length > 0) {
            if (kernel.length == 1) {
                for (int p : picks) {
                    scaleRow(in, p, out, kernel[0], chunk);
                }
            } else {
                OverlapAdd filter = new OverlapAdd(kernel, length);
                int workers = Math.min(picks.length, Runtime.getRuntime().availableProcessors());
                IntStream.range(0, workers).parallel().forEach(w -> {
                    DoubleFFT_1D plan = filter.plan();
                    OverlapAdd.Work work = filter.new Work();
                    for (int i = w; i < picks.length; i += workers) {
                        filter.filter(in, picks[i], out, picks[i], plan, work);
                    }
                });
            }
        }
        return data.withSamples(out.finish());
    }

    /** Samples moved at a time where a row is only copied or scaled. */
    private static final int COPY_CHUNK = 1 << 14;

    private static void copyRow(Samples in, int row, Samples.Writer out, double[] chunk) {
        long columns = in.columns();
        for (long from = 0; from < columns; from += chunk.length) {
            int n = (int) Math.min(chunk.length, columns - from);
            in.read(row, from, chunk, 0, n);
            out.write(row, from, chunk, 0, n);
        }
    }

    private static void scaleRow(Samples in, int row, Samples.Writer out, double factor, double[] chunk) {
        long columns = in.columns();
        for (long from = 0; from < columns; from += chunk.length) {
            int n = (int) Math.min(chunk.length, columns - from);
            in.read(row, from, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                chunk[i] *= factor;
            }
            out.write(row, from, chunk, 0, n);
        }
    }

    private static void checkKernel(double[] kernel) {
        if (kernel.length % 2 == 0) {
            throw new IllegalArgumentException("A zero-phase FIR kernel must have an odd number of taps, not "
                    + kernel.length);
        }
    }
}
