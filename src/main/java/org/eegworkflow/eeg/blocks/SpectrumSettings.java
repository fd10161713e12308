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

    /**
     * The sample spans of the recording's {@code BAD...} annotations (any case), as MNE 1.3's
     * {@code _annotations_starts_stops(raw, 'BAD')} rounds them: {@code round(onset * sfreq)} to
     * {@code round((onset + duration) * sfreq)}, half to even as numpy rounds.
     */
    static long[][] badSpans(EegData data) {
        return data.annotations().stream()
                .filter(a -> a.description().toUpperCase(java.util.Locale.ROOT).startsWith("BAD"))
                .map(a -> new long[] {(long) Math.rint(a.onset() * data.samplingRate()),
                        (long) Math.rint((a.onset() + a.duration()) * data.samplingRate())})
                .toArray(long[][]::new);
    }

    static Welch.Spectrum welch(EegData data, int[] picks, int fft, int segment, int overlap, double fmin,
                                double fmax) {
        return welch(data, picks, fft, segment, overlap, fmin, fmax, true);
    }

    /** @param rejectByAnnotation leave out the segments touching a BAD span, as {@code compute_psd} does by default */
    static Welch.Spectrum welch(EegData data, int[] picks, int fft, int segment, int overlap, double fmin,
                                double fmax, boolean rejectByAnnotation) {
        if (picks.length == 0) {
            throw new IllegalArgumentException(data.source() + " has no EEG channels that are not bad");
        }
        return Welch.psd(data.samples().selectRows(picks), java.util.stream.IntStream.range(0, picks.length)
                .toArray(), data.samplingRate(), fft, segment, overlap, fmin, fmax,
                rejectByAnnotation ? badSpans(data) : new long[0][]);
    }
}
