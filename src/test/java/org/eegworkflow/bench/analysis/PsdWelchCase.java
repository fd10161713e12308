package org.eegworkflow.bench.analysis;

import java.util.stream.IntStream;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.Welch;
import org.eegworkflow.sdk.Samples;

/** The PSD block's work: Welch over 2 s segments overlapping by half, 1-45 Hz, all 64 channels. */
public class PsdWelchCase implements AnalysisCase {
    @Override
    public String name() {
        return "PSD Welch (2 s, half overlap)";
    }

    @Override
    public double[] java(EegData recording, Samples.Factory files) {
        int seg = (int) (2 * recording.samplingRate());
        Welch.Spectrum s = Welch.psd(recording.samples(), IntStream.range(0, recording.channelCount()).toArray(),
                recording.samplingRate(), seg, seg, seg / 2, 1, 45);
        return summary(s.psd());
    }

    static double[] summary(double[][] psd) {
        double[] v = new double[psd[0].length * 2];
        System.arraycopy(psd[0], 0, v, 0, psd[0].length);
        System.arraycopy(psd[psd.length - 1], 0, v, psd[0].length, psd[0].length);
        return v;
    }

    @Override
    public String python() {
        return """
                sf = raw.info['sfreq']
                spec = raw.compute_psd(method='welch', fmin=1, fmax=45, n_fft=int(2 * sf), n_per_seg=int(2 * sf),
                                       n_overlap=int(sf), picks='all')
                p = spec.get_data()
                result = np.r_[p[0], p[-1]]
                """;
    }
}
