package org.eegworkflow.eeg.blocks;

import java.util.List;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.plot.EegCharts;
import org.eegworkflow.eeg.plot.TraceOptions;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Types;

/**
 * Shows a recording as stacked channel traces over time (see {@link EegCharts#traces}): channel names on the left,
 * seconds across, markers as labelled lines, a µV scale bar, the file name as title. One scale for all EEG channels,
 * set from the median channel, so one noisy channel cannot flatten the rest.
 */
@BlockType(name = "EEGPlot", family = "Visualization", memoryMb = 128,
        description = "Draws the channels of a recording over time, one trace per channel, with its markers.")
public class EEGPlot {

    /** Required. The recording to draw. */
    @BlockInput(name = "EEGData", type = "EEGData", description = "The recording to draw.")
    EegData data;

    /** Optional, default empty = all channels (the first 64). Example: {@code Fz, Cz, Pz}. */
    @BlockProperty(name = "Channels", type = Types.STRING_ARRAY, defaultValue = "",
            description = "Channels to draw, top to bottom, for example Fz, Cz, Pz. Empty: all (at most 64).")
    List<String> channels = List.of();

    /** Optional, default 0. Where the window starts, in seconds from the first sample. Example: {@code 60}. */
    @BlockProperty(name = "Start (s)", type = Types.NUMBER, defaultValue = "0",
            description = "Where the window starts, in seconds from the beginning of the recording, for example 60.")
    double start;

    /** Optional, default 10. How many seconds to show; 0 shows the whole recording from the start. */
    @BlockProperty(name = "Duration (s)", type = Types.NUMBER, defaultValue = "10",
            description = "How many seconds to show, for example 10; 0 shows everything from the start on.")
    double duration = 10;

    @BlockExecute
    public Graph execute(BlockContext context) {
        if (data == null) {
            throw new IllegalArgumentException("input 'EEGData' is not connected: connect a recording to it");
        }
        TraceOptions options = TraceOptions.defaults().withChannels(channels == null ? List.of() : channels)
                .withWindow(start, duration);
        Graph graph = Graph.of("eeg", EegCharts.traces(data, options));
        int shown = channels == null || channels.isEmpty()
                ? Math.min(data.channelCount(), EegCharts.MAX_TRACES) : channels.size();
        if (data.channelCount() > EegCharts.MAX_TRACES && (channels == null || channels.isEmpty())) {
            context.log("drew the first " + EegCharts.MAX_TRACES + " of " + data.channelCount()
                    + " channels: name others in 'Channels'");
        } else {
            context.log("drew " + shown + " channel(s) of " + data.source());
        }
        return graph;
    }
}
