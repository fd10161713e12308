package org.eegworkflow.eeg.plot;

import java.util.List;

/**
 * What {@link EegCharts#traces} draws. The names in messages are those of the EEGPlot block's properties.
 *
 * @param channels the channels to draw, by name, top to bottom; empty for all (at most {@link EegCharts#MAX_TRACES};
 *                 beyond that the first ones are drawn and the chart says so). Example: {@code List.of("Fz", "Cz", "Pz")}
 * @param start    seconds from the first sample where the window starts, 0 or more (default 0)
 * @param duration seconds shown, 0 for the whole recording from {@code start} (default 10); a window running past the
 *                 end of the recording shows up to the end
 * @param width    image width in pixels, 400 to 4000 (default 1000)
 * @param height   image height in pixels, 300 to 4000, or 0 to fit the channels (600 for up to 32 channels, about
 *                 14 px per channel beyond)
 */
public record TraceOptions(List<String> channels, double start, double duration, int width, int height) {
    public TraceOptions {
        channels = channels == null ? List.of() : List.copyOf(channels);
        if (!(start >= 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("'Start (s)' must be a number of seconds, 0 or more, not " + start);
        }
        if (!(duration >= 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("'Duration (s)' must be a number of seconds, more than 0 (or 0 for the"
                    + " whole recording), not " + duration);
        }
        if (width < 400 || width > 4000) {
            throw new IllegalArgumentException("chart width must be 400 to 4000 pixels, not " + width);
        }
        if (height != 0 && (height < 300 || height > 4000)) {
            throw new IllegalArgumentException("chart height must be 300 to 4000 pixels (or 0 to fit), not " + height);
        }
    }

    /** All channels, the first 10 s, 1000 px wide, height to fit. */
    public static TraceOptions defaults() {
        return new TraceOptions(List.of(), 0, 10, 1000, 0);
    }

    public TraceOptions withChannels(List<String> names) {
        return new TraceOptions(names, start, duration, width, height);
    }

    /** The window from {@code startSeconds}, {@code durationSeconds} long (0 = to the end). */
    public TraceOptions withWindow(double startSeconds, double durationSeconds) {
        return new TraceOptions(channels, startSeconds, durationSeconds, width, height);
    }

    public TraceOptions withSize(int widthPixels, int heightPixels) {
        return new TraceOptions(channels, start, duration, widthPixels, heightPixels);
    }
}
