package org.eegworkflow.eeg.data;

import java.util.Objects;

import org.eegworkflow.sdk.Samples;

/**
 * Epochs as windows of the recording they were cut from, not a copy of it: row {@code epoch * channels + channel} is
 * {@code timeCount} samples of that channel from the epoch's first sample, minus the epoch's baseline mean on the
 * channels that are baseline-corrected. Reading computes exactly what cutting and correcting did (the same
 * subtraction of the same doubles), so nothing of the size of the epochs (often bigger than the recording, as windows
 * overlap) is ever written.
 */
public final class EpochWindows implements Samples {
    private final Samples recording;
    private final int[] firstSamples;
    private final int timeCount;
    private final boolean[] corrected;
    private final double[] means;

    /**
     * @param recording    channels x samples
     * @param firstSamples each epoch's first sample in the recording
     * @param corrected    per channel, whether its baseline mean is subtracted
     * @param means        per epoch and channel ({@code epoch * channels + channel}), the mean subtracted (ignored
     *                     where not {@code corrected})
     */
    public EpochWindows(Samples recording, int[] firstSamples, int timeCount, boolean[] corrected, double[] means) {
        this.recording = Objects.requireNonNull(recording, "recording");
        this.firstSamples = firstSamples.clone();
        this.timeCount = timeCount;
        this.corrected = corrected.clone();
        this.means = means.clone();
        if (corrected.length != recording.rows() || means.length != firstSamples.length * corrected.length) {
            throw new IllegalArgumentException("one correction flag per channel and one mean per epoch and channel");
        }
        for (int first : firstSamples) {
            if (first < 0 || first + (long) timeCount > recording.columns()) {
                throw new IllegalArgumentException("an epoch from sample " + first + " of " + timeCount
                        + " samples does not fit in " + recording.columns() + " samples");
            }
        }
    }

    public Samples recording() {
        return recording;
    }

    public int[] firstSamples() {
        return firstSamples.clone();
    }

    public int timeCount() {
        return timeCount;
    }

    public boolean[] corrected() {
        return corrected.clone();
    }

    public double[] means() {
        return means.clone();
    }

    @Override
    public int rows() {
        return firstSamples.length * corrected.length;
    }

    @Override
    public long columns() {
        return timeCount;
    }

    @Override
    public void read(int row, long from, double[] dst, int off, int len) {
        if (row < 0 || row >= rows() || from < 0 || len < 0 || from + len > timeCount) {
            throw new IndexOutOfBoundsException("row " + row + " columns " + from + " + " + len + " of " + rows()
                    + " x " + timeCount + " epoch samples");
        }
        int channels = corrected.length;
        int epoch = row / channels;
        int channel = row % channels;
        recording.read(channel, firstSamples[epoch] + from, dst, off, len);
        if (corrected[channel]) {
            double mean = means[row];
            for (int i = off; i < off + len; i++) {
                dst[i] -= mean;
            }
        }
    }
}
