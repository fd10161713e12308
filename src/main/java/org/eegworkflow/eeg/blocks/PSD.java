package org.eegworkflow.eeg.blocks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.Welch;
import org.eegworkflow.eeg.plot.SpectrumChart;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Types;

/**
 * The power spectral density of a recording's EEG channels (bad ones left out) by Welch's method, as MNE's
 * {@code raw.compute_psd(method='welch', fmin, fmax, n_fft, n_overlap, n_per_seg)}: drawn as MNE's spectrum plot,
 * and written to {@code psd.csv} (a row per frequency, a column per channel, V²/Hz) among the job's files.
 */
@BlockType(name = "PSD", family = "Visualization", memoryMb = 64,
        description = "Power spectrum of the EEG channels by Welch's method (MNE compute_psd), drawn in dB and saved"
                + " as psd.csv.")
public class PSD {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Optional, default 0. The lowest frequency kept, in Hz. */
    @BlockProperty(name = "Minimum Frequency", type = Types.NUMBER, defaultValue = "0",
            description = "Hz: the lowest frequency shown, for example 1.")
    double fmin;

    /** Optional, default None (Nyquist). The highest frequency kept, in Hz. */
    @BlockProperty(name = "Maximum Frequency", type = Types.NUMBER, defaultValue = "None",
            description = "Hz: the highest frequency shown, for example 45; None: up to half the sampling rate.")
    Double fmax;

    /** Optional, default 256. FFT length in samples (MNE's n_fft). */
    @BlockProperty(name = "FFT Length", type = Types.NUMBER, defaultValue = "256",
            description = "Samples per FFT (n_fft); the frequency resolution is the sampling rate / this.")
    Double fftLength = 256.;

    /** Optional, default None (the FFT length). Samples per segment (n_per_seg), zero-padded to the FFT length. */
    @BlockProperty(name = "Segment Length", type = Types.NUMBER, defaultValue = "None",
            description = "Samples per Welch segment (n_per_seg); None: the FFT length.")
    Double segmentLength;

    /** Optional, default 0. Samples shared by consecutive segments (n_overlap). */
    @BlockProperty(name = "Overlap", type = Types.NUMBER, defaultValue = "0",
            description = "Samples two consecutive segments share (n_overlap), for example half the segment.")
    double overlap;

    /** Optional, default true. Leaves out the Welch segments that touch a span annotated BAD..., as MNE does. */
    @BlockProperty(name = "Reject by annotation", type = Types.BOOLEAN, defaultValue = "true",
            description = "Leave out the segments that overlap a span annotated BAD... (MNE's reject_by_annotation).")
    boolean rejectByAnnotation = true;

    @BlockExecute
    public Graph execute(BlockContext context) {
        int[] picks = SpectrumSettings.picks(data);
        int fft = SpectrumSettings.samples("FFT Length", fftLength, data, 256);
        int segment = SpectrumSettings.samples("Segment Length", segmentLength, data, 0);
        int shared = SpectrumSettings.samples("Overlap", overlap == 0 ? null : overlap, data, 0);
        Welch.Spectrum spectrum = SpectrumSettings.welch(data, picks, fft, segment, shared, fmin,
                fmax == null ? Double.POSITIVE_INFINITY : fmax, rejectByAnnotation);
        List<String> names = java.util.Arrays.stream(picks).mapToObj(data.channelNames()::get).toList();
        try (BufferedWriter out = Files.newBufferedWriter(context.workingDirectory().resolve("psd.csv"),
                StandardCharsets.UTF_8)) {
            out.write("freq," + String.join(",", names));
            out.newLine();
            for (int k = 0; k < spectrum.freqs().length; k++) {
                StringBuilder row = new StringBuilder(Double.toString(spectrum.freqs()[k]));
                for (double[] channel : spectrum.psd()) {
                    row.append(',').append(channel[k]);
                }
                out.write(row.toString());
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write psd.csv", e);
        }
        context.log(String.format(Locale.ROOT, "Welch PSD of %d EEG channels: %d segments of %d samples, %d"
                        + " frequencies %s-%s Hz, saved as psd.csv", picks.length, spectrum.segments(),
                segment == 0 ? Math.min(fft, data.sampleCount()) : segment, spectrum.freqs().length,
                Recordings.number(spectrum.freqs()[0]),
                Recordings.number(spectrum.freqs()[spectrum.freqs().length - 1])));
        return Graph.of("psd", SpectrumChart.draw("Power spectral density — " + data.source(), spectrum.freqs(),
                spectrum.psd(), names));
    }
}
