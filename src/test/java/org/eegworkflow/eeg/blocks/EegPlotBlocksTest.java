package org.eegworkflow.eeg.blocks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PropertySpec;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.plot.PlotFixtures;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.Graph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EegPlotBlocksTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final String MODULE = "EEG_Basil.zip:EEG_Basil";

    private final List<String> log = new ArrayList<>();
    private final BlockContext context = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return Path.of(".");
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private BufferedImage run(Class<?> block, String input, Object value, Map<String, String> properties) {
        BlockSpec spec = BlockIntrospector.describe(MODULE, block);
        BlockInvoker.Outcome outcome = BlockInvoker.invoke(spec, properties, Map.of(input, List.of(value)), context);
        Graph graph = (Graph) outcome.shown();
        try {
            return ImageIO.read(new ByteArrayInputStream(graph.png()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String failure(Class<?> block, String input, Object value, Map<String, String> properties) {
        BlockSpec spec = BlockIntrospector.describe(MODULE, block);
        return assertThrows(BlockFailedException.class,
                () -> BlockInvoker.invoke(spec, properties, Map.of(input, List.of(value)), context)).getMessage();
    }

    @Test
    void theBlocksDeclareWhatTheOldOnesHad() {
        BlockSpec eeg = BlockIntrospector.describe(MODULE, EEGPlot.class);
        assertEquals("EEGPlot", eeg.name());
        assertEquals("Visualization", eeg.family());
        assertEquals("EEGData", eeg.inputs().get(0).type());
        assertEquals(List.of("Channels", "Start (s)", "Duration (s)"),
                eeg.properties().stream().map(PropertySpec::name).toList());
        BlockSpec epochs = BlockIntrospector.describe(MODULE, EpochPlot.class);
        assertEquals("Visualization", epochs.family());
        assertEquals("Epochs", epochs.inputs().get(0).type());
        assertEquals(List.of("Channels", "Image", "Channel"),
                epochs.properties().stream().map(PropertySpec::name).toList());
    }

    @Test
    void eegPlotDrawsTenSecondsOfEveryChannelByDefault() {
        EegData recording = PlotFixtures.recording(30, 500, 21);
        BufferedImage image = run(EEGPlot.class, "EEGData", recording, Map.of());
        PlotFixtures.save(image, "block-eegplot-default");
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(PlotFixtures.inked(image) > 40_000);
        assertTrue(log.get(0).contains("32 channel"), log.toString());
    }

    @Test
    void eegPlotTakesChannelsAndAWindow() {
        EegData recording = PlotFixtures.recording(30, 500, 22);
        BufferedImage image = run(EEGPlot.class, "EEGData", recording,
                Map.of("Channels", "Fz, Cz, Pz", "Start (s)", "12", "Duration (s)", "4"));
        PlotFixtures.save(image, "block-eegplot-window");
        assertTrue(PlotFixtures.inked(image) > 5_000);
        BufferedImage whole = run(EEGPlot.class, "EEGData", recording, Map.of("Duration (s)", "0"));
        assertTrue(PlotFixtures.inked(whole) > 40_000);
    }

    @Test
    void eegPlotExplainsBadProperties() {
        EegData recording = PlotFixtures.recording(30, 500, 23);
        String late = failure(EEGPlot.class, "EEGData", recording, Map.of("Start (s)", "45"));
        assertTrue(late.contains("'Start (s)'") && late.contains("30 s long"), late);
        String negative = failure(EEGPlot.class, "EEGData", recording, Map.of("Duration (s)", "-3"));
        assertTrue(negative.contains("'Duration (s)'"), negative);
        String unknown = failure(EEGPlot.class, "EEGData", recording, Map.of("Channels", "[\"Cz\", \"Cz3\"]"));
        assertTrue(unknown.contains("'Channels'") && unknown.contains("'Cz3'"), unknown);
    }

    @Test
    void epochPlotDrawsAnAverageAsMneDoes() {
        Epochs evoked = PlotFixtures.referenceEvoked("mne_test", "test.vhdr", 1000, 11);
        BufferedImage image = run(EpochPlot.class, "Epochs", evoked, Map.of());
        PlotFixtures.save(image, "block-epochplot-evoked");
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(PlotFixtures.coloured(image, 84, 74, 964, 542) > 5_000);
        assertTrue(log.get(0).contains("average of 11 epochs"), log.toString());
    }

    @Test
    void epochPlotAveragesSingleEpochsAndShowsOneChannelAsAnImage() {
        Epochs epochs = PlotFixtures.epochs(40, 24);
        BufferedImage image = run(EpochPlot.class, "Epochs", epochs, Map.of("Image", "true", "Channel", "Cz"));
        PlotFixtures.save(image, "block-epochplot-image");
        assertEquals(900, image.getHeight());
        assertTrue(PlotFixtures.coloured(image, 84, 500, 900, 840) > 50_000);
        BufferedImage few = run(EpochPlot.class, "Epochs", epochs, Map.of("Channels", "Fz,Cz,Pz"));
        assertEquals(600, few.getHeight());
    }

    @Test
    void epochPlotExplainsBadProperties() {
        Epochs evoked = PlotFixtures.referenceEvoked("mne_test", "test.vhdr", 1000, 11);
        String image = failure(EpochPlot.class, "Epochs", evoked, Map.of("Image", "true"));
        assertTrue(image.contains("'Image'") && image.contains("average"), image);
        String channels = failure(EpochPlot.class, "Epochs", evoked, Map.of("Channels", "Fz, Qz"));
        assertTrue(channels.contains("'Channels'") && channels.contains("'Qz'") && channels.contains("FP1"),
                channels);
        Epochs epochs = PlotFixtures.epochs(5, 25);
        String channel = failure(EpochPlot.class, "Epochs", epochs, Map.of("Image", "true", "Channel", "C9"));
        assertTrue(channel.contains("'Channel'") && channel.contains("'C9'"), channel);
    }

    @Test
    void unconnectedInputsAreExplained() {
        BlockSpec spec = BlockIntrospector.describe(MODULE, EEGPlot.class);
        String message = assertThrows(BlockFailedException.class,
                () -> BlockInvoker.invoke(spec, Map.of(), Map.of(), context)).getMessage();
        assertTrue(message.contains("'EEGData'"), message);
    }
}
