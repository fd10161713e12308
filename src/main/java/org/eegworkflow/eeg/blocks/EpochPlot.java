package org.eegworkflow.eeg.blocks;

import java.util.List;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.plot.ButterflyOptions;
import org.eegworkflow.eeg.plot.EegCharts;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Types;

/**
 * Shows epochs as MNE's {@code evoked.plot()} does (see {@link EegCharts#butterfly}): every channel's average over
 * the epochs in µV against time, a line at t = 0, the number of epochs in the title. An average is drawn as it is;
 * single epochs are averaged first, and can also be shown one row per epoch for one channel.
 */
@BlockType(name = "EpochPlot", family = "Visualization", memoryMb = 128,
        description = "Draws the average of epochs per channel over time (butterfly plot), optionally with the single"
                + " epochs of one channel as an image.")
public class EpochPlot {

    /** Required. Epochs, or their average. */
    @BlockInput(name = "Epochs", type = "Epochs", description = "Epochs, or their average.")
    Epochs epochs;

    /** Optional, default empty = every EEG channel. Example: {@code Fz, Cz, Pz}. */
    @BlockProperty(name = "Channels", type = Types.STRING_ARRAY, defaultValue = "",
            description = "Channels to draw, for example Fz, Cz, Pz. Empty: every EEG channel.")
    List<String> channels = List.of();

    /** Optional, default false. Also draw each single epoch of one channel as a row of an image (not for averages). */
    @BlockProperty(name = "Image", type = Types.BOOLEAN, defaultValue = "false",
            description = "Also draw the single epochs of one channel as an epochs x time image (not for an average).")
    boolean image;

    /** Optional, default empty = the channel where the average peaks. The channel of the image. Example: {@code Cz}. */
    @BlockProperty(name = "Channel", type = Types.STRING, defaultValue = "",
            description = "The channel shown in the image, for example Cz. Empty: the channel where the average"
                    + " peaks.")
    String channel = "";

    @BlockExecute
    public Graph execute(BlockContext context) {
        if (epochs == null) {
            throw new IllegalArgumentException("input 'Epochs' is not connected: connect epochs or an average to it");
        }
        ButterflyOptions options = ButterflyOptions.defaults()
                .withChannels(channels == null ? List.of() : channels).withImage(image, channel);
        Graph graph = Graph.of("epochs", EegCharts.butterfly(epochs, options));
        context.log(epochs.averaged()
                ? "drew the average of " + epochs.nave() + " epochs of " + epochs.source()
                : "drew the mean of " + epochs.epochCount() + " epochs of " + epochs.source());
        return graph;
    }
}
