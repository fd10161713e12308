package org.eegworkflow.eeg.plot;

import java.util.List;

/**
 * What {@link EegCharts#butterfly} draws. The names in messages are those of the EpochPlot block's properties.
 *
 * @param channels     the channels to draw, by name; empty for every EEG channel (all channels if there is no EEG
 *                     channel). Example: {@code List.of("Fz", "Cz", "Pz")}
 * @param image        also draw the single epochs of one channel as an epochs x time image under the butterfly
 *                     (not for an average, which has no single epochs)
 * @param imageChannel the channel of that image; empty for the channel where the average peaks
 * @param width        image width in pixels, 400 to 4000 (default 1000)
 * @param height       image height in pixels, 300 to 4000, or 0 for 600 (900 with the epochs image)
 */
public record ButterflyOptions(List<String> channels, boolean image, String imageChannel, int width, int height) {
    public ButterflyOptions {
        channels = channels == null ? List.of() : List.copyOf(channels);
        imageChannel = imageChannel == null ? "" : imageChannel.trim();
        if (width < 400 || width > 4000) {
            throw new IllegalArgumentException("chart width must be 400 to 4000 pixels, not " + width);
        }
        if (height != 0 && (height < 300 || height > 4000)) {
            throw new IllegalArgumentException("chart height must be 300 to 4000 pixels (or 0 to fit), not " + height);
        }
    }

    /** Every EEG channel, no epochs image, 1000 x 600 px. */
    public static ButterflyOptions defaults() {
        return new ButterflyOptions(List.of(), false, "", 1000, 0);
    }

    public ButterflyOptions withChannels(List<String> names) {
        return new ButterflyOptions(names, image, imageChannel, width, height);
    }

    /** With (or without) the epochs x time image of one channel; an empty name picks the peak channel. */
    public ButterflyOptions withImage(boolean show, String channel) {
        return new ButterflyOptions(channels, show, channel, width, height);
    }

    public ButterflyOptions withSize(int widthPixels, int heightPixels) {
        return new ButterflyOptions(channels, image, imageChannel, widthPixels, heightPixels);
    }
}
