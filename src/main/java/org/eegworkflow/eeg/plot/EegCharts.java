package org.eegworkflow.eeg.plot;

import java.awt.image.BufferedImage;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;

/**
 * Charts of EEG data for reports and lab meetings: white background, anti-aliased, DejaVu Sans. Both methods are
 * headless (no display needed) and safe to call from several threads at once.
 *
 * <pre>{@code
 * BufferedImage traces = EegCharts.traces(recording, TraceOptions.defaults().withWindow(60, 10));
 * BufferedImage evoked = EegCharts.butterfly(average, ButterflyOptions.defaults());
 * }</pre>
 */
public final class EegCharts {
    /** The most channels one trace chart draws; more would leave a few pixels per channel. */
    public static final int MAX_TRACES = 64;

    private EegCharts() {
    }

    /**
     * The classic EEG view: one trace per channel, offset vertically, channel names on the left, time in seconds
     * across, markers as labelled vertical lines, a µV scale bar at the bottom right, the file name as title.
     * All EEG channels share one scale, set from the median channel's spread (central 95 % of values), so a single
     * noisy channel cannot flatten the rest; it is clipped instead and its label turns red. Misc channels (other
     * units) are each scaled to fit. Each trace is centred on its median. Windows with more samples than twice the
     * plot's width are drawn as a min/max envelope per pixel column, so an hour of 64 channels draws in a fraction
     * of a second without copying the samples.
     *
     * @throws IllegalArgumentException when the start lies past the end of the recording, a named channel does not
     *                                  exist, more than {@link #MAX_TRACES} channels are named, or there is no data
     */
    public static BufferedImage traces(EegData data, TraceOptions options) {
        return TraceChart.draw(data, options);
    }

    /**
     * MNE's {@code evoked.plot()}: each channel's average over the epochs as one line on a shared µV axis against
     * time in seconds, with a zero line, a dashed line at t = 0 and the number of averaged epochs in the title; the
     * largest absolute value is marked and labelled with its channel. Up to 10 channels get a legend; more get a
     * colour ramp along the channel order and no legend. An average ({@link Epochs#averaged()}) is drawn as it is
     * (title: Nave); single epochs are averaged first (title: N). With {@link ButterflyOptions#image()} the single
     * epochs of one channel are drawn underneath as an epochs x time image, in µV on a blue-white-red scale (MNE's
     * {@code plot_image}).
     *
     * @throws IllegalArgumentException when there are no epochs, a named channel does not exist, or an image is
     *                                  asked of an average
     */
    public static BufferedImage butterfly(Epochs epochs, ButterflyOptions options) {
        return ButterflyChart.draw(epochs, options);
    }
}
