package org.eegworkflow.eeg.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * One zero-phase FIR filter prepared for signals of one length: MNE-Python's {@code _overlap_add_filter} with
 * {@code phase='zero'} and {@code pad='reflect_limited'}. The signal is extended at both ends by {@code len(h) - 1}
 * samples of odd reflection ({@code 2 x[0] - x[k]}), convolved with the kernel by FFT overlap-add, and the output read
 * back with the kernel's delay removed.
 *
 * <p>The extension is never materialised: each FFT block is filled straight from the signal, so a worker needs one
 * FFT buffer and nothing per channel. Instances are immutable and may be shared by threads; each thread brings its own
 * {@link DoubleFFT_1D} plan and buffer ({@link #newPlan()}, {@link #newBuffer()}).
 */
final class OverlapAdd {
    /**
     * JTransforms starts threads of its own for transforms longer than this; the channels are already spread over the
     * cores, so block lengths stay at or below it whenever the kernel allows.
     */
    private static final int MAX_SINGLE_THREADED_FFT = 8192;

    private final double[] kernel;
    private final int length;
    private final int edge;
    private final int extendedLength;
    private final int fftLength;
    private final int blockLength;
    private final int shift;
    /** The kernel's spectrum in JTransforms' packed real layout. */
    private final double[] spectrum;

    /**
     * @param kernel an odd-length, symmetric kernel of at least 2 taps
     * @param length the number of samples of the signals it will filter, at least 1
     */
    OverlapAdd(double[] kernel, int length) {
        this.kernel = kernel;
        this.length = length;
        int taps = kernel.length;
        this.edge = Math.max(Math.min(taps, length) - 1, 0);
        this.extendedLength = length + 2 * edge;
        this.fftLength = fftLength(extendedLength, taps);
        this.blockLength = fftLength - taps + 1;
        this.shift = (taps - 1) / 2 + edge;
        this.spectrum = new double[fftLength];
        System.arraycopy(kernel, 0, spectrum, 0, taps);
        newPlan().realForward(spectrum);
    }

    /**
     * MNE's choice of FFT length: the power of two minimising its cost model (multiplications plus a penalty on long
     * transforms), here capped at {@link #MAX_SINGLE_THREADED_FFT}. The length changes only rounding (1e-16 relative).
     * For signals shorter than {@code 2 len(h) - 1} one block does (MNE takes a 5-smooth length, here a power of two).
     */
    static int fftLength(int extendedLength, int taps) {
        int minFft = 2 * taps - 1;
        int lowest = ceilLog2(minFft);
        if (extendedLength < minFft) {
            return 1 << lowest;
        }
        int highest = Math.min(ceilLog2(extendedLength),
                Math.max(lowest, Integer.numberOfTrailingZeros(MAX_SINGLE_THREADED_FFT)));
        int best = lowest;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int p = lowest; p <= highest; p++) {
            double n = 1L << p;
            double cost = Math.ceil(extendedLength / (n - taps + 1)) * n * (p + 1) + 4e-5 * n * extendedLength;
            if (cost < bestCost) {
                bestCost = cost;
                best = p;
            }
        }
        return 1 << best;
    }

    private static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    DoubleFFT_1D newPlan() {
        return new DoubleFFT_1D(fftLength);
    }

    double[] newBuffer() {
        return new double[fftLength];
    }

    /**
     * Filters one signal.
     *
     * @param x      the signal, {@code length} samples; not modified
     * @param out    receives the filtered signal, {@code length} samples; must be zero on entry
     * @param plan   this thread's plan, from {@link #newPlan()}
     * @param buffer this thread's buffer, from {@link #newBuffer()}
     */
    void filter(double[] x, double[] out, DoubleFFT_1D plan, double[] buffer) {
        int blocks = (extendedLength + blockLength - 1) / blockLength;
        for (int b = 0; b < blocks; b++) {
            int start = b * blockLength;
            // this block's output lands at y[start .. start + fftLength); the result is y[shift .. shift + length)
            int from = Math.max(0, shift - start);
            int to = Math.min(fftLength, length + shift - start);
            if (from >= to) {
                continue;  // a block of padding whose output is cropped away
            }
            int count = Math.min(blockLength, extendedLength - start);
            fillExtended(x, start, count, buffer);
            java.util.Arrays.fill(buffer, count, fftLength, 0.);
            plan.realForward(buffer);
            multiplySpectrum(buffer);
            plan.realInverse(buffer, true);
            int offset = start - shift;
            for (int k = from; k < to; k++) {
                out[offset + k] += buffer[k];
            }
        }
    }

    /** Copies samples {@code from .. from + count} of the reflect-limited extension of x into dst[0 .. count). */
    private void fillExtended(double[] x, int from, int count, double[] dst) {
        int end = from + count;
        int i = from;
        double twiceFirst = 2 * x[0];
        for (; i < Math.min(end, edge); i++) {
            dst[i - from] = twiceFirst - x[edge - i];
        }
        int middleEnd = Math.min(end, edge + length);
        if (i < middleEnd) {
            System.arraycopy(x, i - edge, dst, i - from, middleEnd - i);
            i = middleEnd;
        }
        double twiceLast = 2 * x[length - 1];
        for (; i < end; i++) {
            dst[i - from] = twiceLast - x[length - 2 - (i - edge - length)];
        }
    }

    /** Complex product with the kernel's spectrum, in the packed layout (DC and Nyquist real, then re/im pairs). */
    private void multiplySpectrum(double[] a) {
        double[] h = spectrum;
        a[0] *= h[0];
        a[1] *= h[1];
        for (int k = 2; k < a.length; k += 2) {
            double re = a[k];
            double im = a[k + 1];
            double hr = h[k];
            double hi = h[k + 1];
            a[k] = re * hr - im * hi;
            a[k + 1] = re * hi + im * hr;
        }
    }

    int fftLength() {
        return fftLength;
    }

    double[] kernel() {
        return kernel;
    }
}
