package org.eegworkflow.eeg.dsp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import org.eegworkflow.sdk.Samples;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.utils.CommonUtils;

/**
 * One zero-phase FIR filter prepared for signals of one length: MNE-Python's {@code _overlap_add_filter} with
 * {@code phase='zero'} and {@code pad='reflect_limited'}. The signal is extended at both ends by {@code len(h) - 1}
 * samples of odd reflection ({@code 2 x[0] - x[k]}), convolved with the kernel by FFT overlap-add, and the output read
 * back with the kernel's delay removed.
 *
 * <p>The extension is never materialised: each FFT block is filled straight from the signal, so a worker needs one
 * FFT buffer and nothing per channel. Instances are immutable and may be shared by threads; each thread brings its own
 * block buffer ({@link #newBuffer()}) and uses a shared plan ({@link #plan()}).
 */
final class OverlapAdd {
    private static final int MAX_CACHED_PLAN = 1 << 16;
    private static final ConcurrentHashMap<Integer, DoubleFFT_1D> PLANS = new ConcurrentHashMap<>();

    static {
        // One thread per transform. The channels are already spread over the cores, and JTransforms' own threads
        // (from 8192 points up) made a transform 2.5 times slower on a 2-core machine: 214 instead of 85 us for 8192
        // points forward and back, and no faster even at 65536. The setting is JTransforms-wide, and only this
        // package uses JTransforms.
        CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Long.MAX_VALUE);
        CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Long.MAX_VALUE);
    }

    private final int length;
    private final int edge;
    /** The part of the extension any kept output depends on: [inputStart, inputEnd). */
    private final int inputStart;
    private final int inputEnd;
    private final int fftLength;
    private final int blockLength;
    private final int shift;
    /** The kernel's spectrum in JTransforms' packed real layout. */
    private final double[] spectrum;

    /**
     * @param kernel an odd-length, symmetric kernel of at least 3 taps
     * @param length the number of samples of the signals it will filter, at least 1
     */
    OverlapAdd(double[] kernel, int length) {
        this.length = length;
        int taps = kernel.length;
        this.edge = Math.max(Math.min(taps, length) - 1, 0);
        int extendedLength = length + 2 * edge;
        this.shift = (taps - 1) / 2 + edge;
        // output j is y[j + shift], the sum of h[i] x_ext[j + shift - i]: MNE convolves the whole extension, but the
        // outer (taps - 1) / 2 samples at each end reach only outputs it crops away
        this.inputStart = Math.max(0, shift - (taps - 1));
        this.inputEnd = Math.min(extendedLength, shift + length);
        this.fftLength = fftLength(inputEnd - inputStart, taps);
        this.blockLength = fftLength - taps + 1;
        this.spectrum = new double[fftLength];
        System.arraycopy(kernel, 0, spectrum, 0, taps);
        plan().realForward(spectrum);
    }

    /**
     * MNE's choice of FFT length: the power of two minimising its cost model (multiplications plus a penalty on long
     * transforms), which also picks the fastest JTransforms length within some 10% in measurements. The length changes
     * only rounding (1e-16 relative). For inputs shorter than {@code 2 len(h) - 1} one block does (MNE then takes a
     * 5-smooth length, here the next power of two).
     */
    static int fftLength(int inputLength, int taps) {
        int minFft = 2 * taps - 1;
        int lowest = ceilLog2(minFft);
        if (inputLength < minFft) {
            return 1 << lowest;
        }
        int highest = ceilLog2(inputLength);
        int best = lowest;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int p = lowest; p <= highest; p++) {
            double n = 1L << p;
            double cost = Math.ceil(inputLength / (n - taps + 1)) * n * (p + 1) + 4e-5 * n * inputLength;
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

    /**
     * A plan for this filter's FFT length. Plans are shared: a JTransforms plan only reads its tables once built (its
     * own 2-D transforms run one 1-D plan on many threads at once), and building one costs as much as some hundred
     * transforms. Lengths up to 2^16 are kept, at most 15 of them; longer ones are built each time.
     */
    DoubleFFT_1D plan() {
        if (fftLength > MAX_CACHED_PLAN) {
            return new DoubleFFT_1D(fftLength);
        }
        return PLANS.computeIfAbsent(fftLength, DoubleFFT_1D::new);
    }

    double[] newBuffer() {
        return new double[fftLength];
    }

    /**
     * Filters one signal.
     *
     * @param x      the signal, {@code length} samples; not modified
     * @param out    receives the filtered signal, {@code length} samples; must be zero on entry
     * @param plan   the plan from {@link #plan()}
     * @param buffer this thread's buffer, from {@link #newBuffer()}
     */
    void filter(double[] x, double[] out, DoubleFFT_1D plan, double[] buffer) {
        for (int start = inputStart; start < inputEnd; start += blockLength) {
            // this block's output lands at y[start .. start + fftLength); the result is y[shift .. shift + length)
            int from = Math.max(0, shift - start);
            int to = Math.min(fftLength, length + shift - start);
            int count = Math.min(blockLength, inputEnd - start);
            fillExtended(x, start, count, buffer);
            Arrays.fill(buffer, count, fftLength, 0.);
            plan.realForward(buffer);
            multiplySpectrum(buffer);
            plan.realInverse(buffer, true);
            int offset = start - shift;
            for (int k = from; k < to; k++) {
                out[offset + k] += buffer[k];
            }
        }
    }

    /**
     * Filters one row of samples into one row of a writer, block by block: the same sums in the same order as
     * {@link #filter(double[], double[], DoubleFFT_1D, double[])} (so the same bits), holding only this worker's
     * {@link Work} buffers, never the row.
     */
    void filter(Samples in, int row, Samples.Writer out, int outRow, DoubleFFT_1D plan, Work work) {
        double[] buffer = work.buffer;
        double[] acc = work.acc;
        Arrays.fill(acc, 0.);
        double first = in.get(row, 0);
        double last = in.get(row, length - 1);
        // acc holds outputs accBase .. accBase + fftLength; those before the next block's start are final
        long accBase = inputStart - shift;
        for (int start = inputStart; start < inputEnd; start += blockLength) {
            int from = Math.max(0, shift - start);
            int to = Math.min(fftLength, length + shift - start);
            int count = Math.min(blockLength, inputEnd - start);
            fillExtended(in, row, first, last, start, count, buffer, work.scratch);
            Arrays.fill(buffer, count, fftLength, 0.);
            plan.realForward(buffer);
            multiplySpectrum(buffer);
            plan.realInverse(buffer, true);
            for (int k = from; k < to; k++) {
                acc[k] += buffer[k];
            }
            boolean lastBlock = start + blockLength >= inputEnd;
            long finalEnd = Math.min(length, accBase + (lastBlock ? fftLength : blockLength));
            long finalStart = Math.max(0, accBase);
            if (finalEnd > finalStart) {
                out.write(outRow, finalStart, acc, (int) (finalStart - accBase), (int) (finalEnd - finalStart));
            }
            System.arraycopy(acc, blockLength, acc, 0, fftLength - blockLength);
            Arrays.fill(acc, fftLength - blockLength, fftLength, 0.);
            accBase += blockLength;
        }
    }

    /** One worker's buffers for {@link #filter(Samples, int, Samples.Writer, int, DoubleFFT_1D, Work)}. */
    final class Work {
        final double[] buffer = new double[fftLength];
        final double[] acc = new double[fftLength];
        final double[] scratch = new double[fftLength];
    }

    /** {@link #fillExtended(double[], int, int, double[])} reading the signal from a row of samples. */
    private void fillExtended(Samples in, int row, double first, double last, int from, int count, double[] dst,
                              double[] scratch) {
        int end = from + count;
        int i = from;
        double twiceFirst = 2 * first;
        int headEnd = Math.min(end, edge);
        if (i < headEnd) {
            // x[edge - i] for i in [from, headEnd): x[edge - headEnd + 1 .. edge - from], backwards
            int lo = edge - headEnd + 1;
            in.read(row, lo, scratch, 0, headEnd - from);
            for (; i < headEnd; i++) {
                dst[i - from] = twiceFirst - scratch[edge - i - lo];
            }
        }
        int middleEnd = Math.min(end, edge + length);
        if (i < middleEnd) {
            in.read(row, i - edge, dst, i - from, middleEnd - i);
            i = middleEnd;
        }
        if (i < end) {
            // x[2 length + edge - 2 - i] for i in [i, end), backwards
            double twiceLast = 2 * last;
            int lo = 2 * length + edge - 2 - (end - 1);
            in.read(row, lo, scratch, 0, end - i);
            for (; i < end; i++) {
                dst[i - from] = twiceLast - scratch[2 * length + edge - 2 - i - lo];
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
}
