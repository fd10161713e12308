package org.eegworkflow.eeg.dsp;

/**
 * Designs the FIR filters of MNE-Python 1.3: {@code mne.filter.create_filter(x, sfreq, l_freq, h_freq,
 * fir_design='firwin')} with every other argument at its default (Hamming window, {@code filter_length='auto'},
 * automatic transition bands, zero phase). The coefficients agree with MNE's to about 1e-15.
 *
 * <p>Transition bands: low {@code min(max(0.25 l, 2), l)} Hz, high {@code min(max(0.25 h, 2), fs/2 - h)} Hz. Length:
 * {@code ceil(3.3 / narrowest band * fs)}, made odd. The kernel is built as MNE's {@code _firwin_design} does, as a
 * sum of scipy {@code firwin} Hamming-windowed sinc low-passes, one per edge of the gain curve.
 */
public final class FirDesign {
    /** MNE's {@code _length_factors['hamming']}: filter length in cycles of the narrowest transition band. */
    static final double HAMMING_LENGTH_FACTOR = 3.3;

    /** Property names researchers see on the filter block; error messages name them. */
    static final String LOW = "Low Cutoff Frequency";
    static final String HIGH = "High Cutoff Frequency";

    private FirDesign() {
    }

    /**
     * The zero-phase FIR kernel MNE would use.
     *
     * @param samplingRate samples per second
     * @param lowCutoff    the high-pass edge in Hz, or null for a low-pass filter
     * @param highCutoff   the low-pass edge in Hz, or null for a high-pass filter
     * @return the odd-length, symmetric kernel
     * @throws IllegalArgumentException if both cut-offs are null, a cut-off is not between 0 and the Nyquist
     *                                  frequency, or the low cut-off is not below the high one
     */
    public static double[] kernel(double samplingRate, Double lowCutoff, Double highCutoff) {
        if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
            throw new IllegalArgumentException("The sampling rate must be a positive number of Hz to design a filter,"
                    + " not " + samplingRate);
        }
        double nyquist = samplingRate / 2.;
        if (lowCutoff == null && highCutoff == null) {
            throw new IllegalArgumentException("Set " + LOW + ", " + HIGH + " or both (in Hz): with neither there"
                    + " is nothing to filter");
        }
        if (lowCutoff != null) {
            checkRange(LOW, lowCutoff, nyquist);
        }
        if (highCutoff != null) {
            checkRange(HIGH, highCutoff, nyquist);
        }
        if (lowCutoff != null && highCutoff != null && lowCutoff >= highCutoff) {
            throw new IllegalArgumentException(LOW + " (" + hz(lowCutoff) + ") must be below " + HIGH + " ("
                    + hz(highCutoff) + ") for a band-pass filter; a band-stop filter is not offered");
        }

        // _triage_filter_params, 'auto' transition bands and length
        double lowTrans = Double.NaN;
        double highTrans = Double.NaN;
        double narrowest = Double.POSITIVE_INFINITY;
        if (lowCutoff != null) {
            lowTrans = Math.min(Math.max(0.25 * lowCutoff, 2.), lowCutoff);
            narrowest = lowTrans;
        }
        if (highCutoff != null) {
            highTrans = Math.min(Math.max(0.25 * highCutoff, 2.), nyquist - highCutoff);
            narrowest = Math.min(highTrans, narrowest);
        }
        // the same floating-point steps as MNE: seconds first (as the string '%ss'), then samples
        double seconds = HAMMING_LENGTH_FACTOR * 1. / narrowest;
        int length = Math.max((int) Math.ceil(seconds * samplingRate), 1);
        length += (length - 1) % 2;

        // create_filter: the gain curve in Hz, from 0 to Nyquist
        double[] freq;
        double[] gain;
        if (lowCutoff == null) {
            double stop = highCutoff + highTrans;
            freq = stop != nyquist ? new double[] {0, highCutoff, stop, nyquist} : new double[] {0, highCutoff, stop};
            gain = stop != nyquist ? new double[] {1, 1, 0, 0} : new double[] {1, 1, 0};
        } else if (highCutoff == null) {
            double stop = lowCutoff - lowTrans;
            freq = stop != 0 ? new double[] {0, stop, lowCutoff, nyquist} : new double[] {stop, lowCutoff, nyquist};
            gain = stop != 0 ? new double[] {0, 0, 1, 1} : new double[] {0, 1, 1};
        } else {
            double stop1 = lowCutoff - lowTrans;
            double stop2 = highCutoff + highTrans;
            double[] f = {stop1, lowCutoff, highCutoff, stop2};
            double[] g = {0, 1, 1, 0};
            if (stop2 != nyquist) {
                f = append(f, nyquist);
                g = append(g, 0);
            }
            if (stop1 != 0) {
                f = prepend(0, f);
                g = prepend(0, g);
            }
            freq = f;
            gain = g;
        }
        // _construct_fir_filter normalises to Nyquist = 1
        for (int i = 0; i < freq.length; i++) {
            freq[i] = freq[i] / nyquist;
        }
        return firwinDesign(length, freq, gain);
    }

    /**
     * The kernel of MNE 1.3's {@code raw.notch_filter(freqs)} with its defaults (FIR, firwin, Hamming,
     * {@code notch_widths = freqs / 200}, {@code trans_bandwidth = 1}, {@code filter_length='auto'}): one band-stop
     * per frequency, from {@code f - w/2 - 0.5} to {@code f + w/2 + 0.5} Hz, whose stop band is {@code f +- w/2}
     * and whose transition bands are 0.5 Hz wide, so the kernel is 3.3 / 0.5 = 6.6 s long.
     *
     * @throws IllegalArgumentException when a frequency is not between 0 and Nyquist or two stop bands overlap
     */
    public static double[] notchKernel(double samplingRate, double[] freqs) {
        double nyquist = samplingRate / 2.;
        if (freqs.length == 0) {
            throw new IllegalArgumentException("property 'Frequencies': name at least one frequency to remove");
        }
        double tb2 = 0.5;
        int bands = freqs.length;
        double[] pass1 = new double[bands];
        double[] stop1 = new double[bands];
        double[] stop2 = new double[bands];
        double[] pass2 = new double[bands];
        for (int i = 0; i < bands; i++) {
            double f = freqs[i];
            double width = f / 200.;
            double low = f - width / 2. - tb2;
            double high = f + width / 2. + tb2;
            if (!(low - tb2 > 0) || !(high + tb2 < nyquist) || !(f > 0)) {
                throw new IllegalArgumentException("property 'Frequencies': " + hz(f) + " cannot be removed at "
                        + hz(samplingRate) + " sampling: a notch needs " + hz(f) + " +- " + number(width / 2 + 2 * tb2)
                        + " between 0 and the Nyquist frequency (" + hz(nyquist) + ")");
            }
            // _triage_filter_params(reverse=True): pass edges move inwards by the transition band
            pass1[i] = low;
            stop1[i] = low + tb2;
            stop2[i] = high - tb2;
            pass2[i] = high;
        }
        int n = 4 * bands;
        double[] freq = new double[n];
        double[] gain = new double[n];
        for (int i = 0; i < bands; i++) {
            freq[i] = pass1[i];
            gain[i] = 1;
            freq[bands + i] = stop1[i];
            freq[2 * bands + i] = stop2[i];
            freq[3 * bands + i] = pass2[i];
            gain[3 * bands + i] = 1;
        }
        // np.argsort (a stable sort for equal keys is not needed: the points are distinct after the check below)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(freq[a], freq[b]));
        double[] f = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = freq[order[i]];
            g[i] = gain[order[i]];
        }
        if (f[0] != 0) {
            f = prepend(0, f);
            g = prepend(1, g);
        }
        if (f[f.length - 1] != nyquist) {
            f = append(f, nyquist);
            g = append(g, 1);
        }
        for (int i = 2; i < g.length; i++) {
            if (Math.abs(g[i] - 2 * g[i - 1] + g[i - 2]) > 1) {
                throw new IllegalArgumentException("property 'Frequencies': the stop bands of " + java.util.Arrays
                        .toString(freqs) + " Hz overlap; name frequencies at least 2 Hz apart");
            }
        }
        double seconds = HAMMING_LENGTH_FACTOR * 1. / tb2;
        int length = Math.max((int) Math.ceil(seconds * samplingRate), 1);
        length += (length - 1) % 2;
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i] / nyquist;
        }
        return firwinDesign(length, f, g);
    }

    /** MNE's {@code _firwin_design}: one firwin low-pass per change of gain, added or subtracted from the top down. */
    static double[] firwinDesign(int n, double[] freq, double[] gain) {
        double[] h = new double[n];
        double prevFreq = freq[freq.length - 1];
        double prevGain = gain[gain.length - 1];
        if (prevGain == 1) {
            h[n / 2] = 1;  // start with "all up"
        }
        for (int k = freq.length - 2; k >= 0; k--) {
            double thisFreq = freq[k];
            double thisGain = gain[k];
            if (thisGain != prevGain) {
                double transition = (prevFreq - thisFreq) / 2.;
                // Python's round() rounds half to even, like rint
                int thisN = (int) Math.rint(HAMMING_LENGTH_FACTOR / transition);
                thisN += 1 - thisN % 2;
                if (thisN > n) {
                    throw new IllegalArgumentException("The filter length " + n + " is too short for a "
                            + transition + " (normalised) transition band, which needs " + thisN + " samples");
                }
                double[] thisH = firwin(thisN, (prevFreq + thisFreq) / 2.);
                int offset = (n - thisN) / 2;
                if (thisGain == 0) {
                    for (int i = 0; i < thisN; i++) {
                        h[offset + i] -= thisH[i];
                    }
                } else {
                    for (int i = 0; i < thisN; i++) {
                        h[offset + i] += thisH[i];
                    }
                }
            }
            prevGain = thisGain;
            prevFreq = thisFreq;
        }
        return h;
    }

    /**
     * scipy's {@code firwin(numtaps, cutoff, window='hamming', pass_zero=True, scale=True, fs=2)}: a low-pass with
     * unit gain at 0 Hz, cut-off relative to Nyquist.
     */
    static double[] firwin(int numtaps, double cutoff) {
        double alpha = 0.5 * (numtaps - 1);
        double[] window = hamming(numtaps);
        double[] h = new double[numtaps];
        for (int i = 0; i < numtaps; i++) {
            double m = i - alpha;
            h[i] = cutoff * sinc(cutoff * m) * window[i];
        }
        // scale so the gain at 0 Hz is exactly 1 (cos(pi m 0) is 1 everywhere)
        double s = NumpySum.pairwise(h, 0, numtaps);
        for (int i = 0; i < numtaps; i++) {
            h[i] /= s;
        }
        return h;
    }

    /** numpy's {@code sinc}, which replaces 0 by 1e-20 rather than testing for it afterwards. */
    static double sinc(double x) {
        double y = Math.PI * (x == 0 ? 1.0e-20 : x);
        return Math.sin(y) / y;
    }

    /**
     * scipy's symmetric Hamming window, {@code general_cosine(M, [0.54, 1 - 0.54])} over numpy's
     * {@code linspace(-pi, pi, M)}. The second coefficient is computed as 1 - 0.54 (0.45999999999999996), as scipy does.
     */
    static double[] hamming(int m) {
        double[] w = new double[m];
        if (m <= 1) {
            java.util.Arrays.fill(w, 1.);
            return w;
        }
        double a0 = 0.54;
        double a1 = 1. - a0;
        double step = (Math.PI - -Math.PI) / (m - 1);
        for (int i = 0; i < m; i++) {
            double fac = i == m - 1 ? Math.PI : i * step + -Math.PI;
            w[i] = a0 + a1 * Math.cos(fac);
        }
        return w;
    }

    private static void checkRange(String property, double value, double nyquist) {
        if (!(value > 0 && value < nyquist)) {
            throw new IllegalArgumentException(property + " must be greater than 0 Hz and less than the Nyquist"
                    + " frequency (" + hz(nyquist) + ", half the sampling rate), not " + hz(value));
        }
    }

    /** A frequency as a researcher would write it: "40 Hz", "0.5 Hz". */
    static String hz(double value) {
        return number(value) + " Hz";
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static double[] append(double[] a, double v) {
        double[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static double[] prepend(double v, double[] a) {
        double[] b = new double[a.length + 1];
        b[0] = v;
        System.arraycopy(a, 0, b, 1, a.length);
        return b;
    }
}
