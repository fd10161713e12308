package org.eegworkflow.bench.analysis;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.FirDesign;
import org.eegworkflow.eeg.dsp.FirFilter;
import org.eegworkflow.sdk.Samples;

/** The Notch block's work: 60 Hz (the PhysioNet recordings' mains) removed from all 64 channels. */
public class NotchCase implements AnalysisCase {
    @Override
    public String name() {
        return "Notch 60 Hz (FIR, 6.6 s)";
    }

    @Override
    public double[] java(EegData recording, Samples.Factory files) {
        EegData out = FirFilter.filter(recording, FirDesign.notchKernel(recording.samplingRate(), new double[] {60}),
                files);
        return summary(out.samples());
    }

    static double[] summary(Samples s) {
        long n = s.columns();
        long[] at = {0, 1000, n / 2, n - 1};
        int[] rows = {0, s.rows() / 2, s.rows() - 1};
        double[] v = new double[at.length * rows.length];
        double[] one = new double[1];
        int i = 0;
        for (int r : rows) {
            for (long t : at) {
                s.read(r, t, one, 0, 1);
                v[i++] = one[0];
            }
        }
        return v;
    }

    @Override
    public String python() {
        return """
                out = raw.copy().notch_filter([60.0])
                x = out._data
                n = x.shape[1]
                result = [x[r, t] for r in (0, x.shape[0] // 2, x.shape[0] - 1) for t in (0, 1000, n // 2, n - 1)]
                """;
    }
}
