package org.eegworkflow.eeg.blocks;

import java.util.Arrays;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.Welch;

/** What PSD and BandPower share: the EEG channels that are not bad, and Welch's lengths in samples. */
final class SpectrumSettings {
    private SpectrumSettings() {
    }

    /** EEG channels less the bad ones, as {@code picks='eeg'} gives them. */
    static int[] picks(EegData data) {
        return Arrays.stream(data.channelsOfKind(ChannelKind.EEG))
                .filter(c -> !data.info().isBad(data.channelNames().get(c))).toArray();
    }

    static int samples(String property, Double value, EegData data, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 1) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("property '" + property + "': a whole number of samples, at least 1,"
                    + " not " + Recordings.number(value));
        }
        return value.intValue();
    }

    static Welch.Spectrum welch(EegData data, int[] picks, int fft, int segment, int overlap, double fmin,
                                double fmax) {
        if (picks.length == 0) {
            throw new IllegalArgumentException(data.source() + " has no EEG channels that are not bad");
        }
        return Welch.psd(data.samples().selectRows(picks), java.util.stream.IntStream.range(0, picks.length)
                .toArray(), data.samplingRate(), fft, segment, overlap, fmin, fmax);
    }
}
