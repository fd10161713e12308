package org.eegworkflow.eeg.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EegChartsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void tracesOfARecordingFillTheChart() {
        EegData recording = PlotFixtures.recording(60, 250, 1);
        BufferedImage image = EegCharts.traces(recording, TraceOptions.defaults());
        PlotFixtures.save(image, "traces-synthetic-10s");
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(PlotFixtures.inked(image) > 40_000, "the traces should cover a good part of the chart");
    }

    @Test
    void aFewChannelsOverAShortWindowAreDrawnSampleBySample() {
        EegData recording = PlotFixtures.recording(60, 250, 2);
        BufferedImage image = EegCharts.traces(recording,
                TraceOptions.defaults().withChannels(List.of("Fz", "cz", "Pz", "O1")).withWindow(20.5, 2.5));
        PlotFixtures.save(image, "traces-four-channels");
        assertEquals(600, image.getHeight());
        assertTrue(PlotFixtures.inked(image) > 5_000);
    }

    @Test
    void oneNoisyChannelDoesNotSetTheScale() {
        EegData recording = PlotFixtures.recording(20, 250, 3);
        int[] all = new int[recording.channelCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        TraceChart.Scaling scaling = TraceChart.scaling(recording, all, 0, recording.sampleCount(), null);
        double typical = scaling.eegSpacing() * TraceChart.FILL;
        double t7 = range95(recording.data()[recording.channelNames().indexOf("T7")]);
        double cz = range95(recording.data()[recording.channelNames().indexOf("Cz")]);
        assertTrue(t7 > 4 * typical, "T7 is the noisy one");
        assertTrue(typical / cz > 0.5 && typical / cz < 2, "the scale is that of an ordinary channel");
        int gsr = recording.channelNames().indexOf("GSR");
        assertEquals(range95(recording.data()[gsr]) / TraceChart.FILL, scaling.spacing()[gsr], 1e-12,
                "a misc channel has a scale of its own");
    }

    private static double range95(double[] row) {
        double[] copy = row.clone();
        return Stats.quantileInPlace(copy.clone(), copy.length, 0.975) - Stats.quantileInPlace(copy, copy.length, 0.025);
    }

    @Test
    void longWindowsKeepEachChannelARibbon() {
        EegData recording = PlotFixtures.recording(600, 250, 11);
        int[] picks = {4, 13, 22};
        double[] low = new double[800];
        double[] high = new double[800];
        double[] ranges = new double[picks.length];
        for (int i = 0; i < picks.length; i++) {
            TraceChart.envelope(recording.data()[picks[i]], 0, recording.sampleCount(), 800, low, high);
            double[] r = new double[800];
            for (int c = 0; c < 800; c++) {
                r[c] = high[c] - low[c];
                assertTrue(low[c] <= high[c]);
            }
            ranges[i] = Stats.median(r, 800);
        }
        TraceChart.Scaling scaling = TraceChart.scaling(recording, picks, 0, recording.sampleCount(), ranges);
        assertEquals(Stats.median(ranges, 3) / TraceChart.ENVELOPE_FILL, scaling.eegSpacing(), 1e-12);
    }

    @Test
    void theEnvelopeHoldsEverySampleOfItsColumn() {
        double[] row = {0, 5, -3, 2, 2, 2, 9, 1, -1, 0};
        double[] low = new double[3];
        double[] high = new double[3];
        TraceChart.envelope(row, 1, 10, 3, low, high);
        // columns: samples 1-3, 4-6 (+ sample 3), 7-9 (+ sample 6)
        assertEquals(-3, low[0]);
        assertEquals(5, high[0]);
        assertEquals(2, low[1]);
        assertEquals(9, high[1]);
        assertEquals(-1, low[2]);
        assertEquals(9, high[2]);
    }

    @Test
    void anHourOf64ChannelsIsDrawnAsAnEnvelope() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            names.add("E" + i);
        }
        EegData hour = PlotFixtures.recording(names, 0, 3600, 160, 4);
        // what an overview is for: a movement artefact on every channel, a channel that fell off for five minutes
        for (double[] row : hour.data()) {
            for (int s = 1800 * 160; s < 1803 * 160; s++) {
                row[s] += 300e-6 * Math.sin(s / 40.0);
            }
        }
        java.util.Arrays.fill(hour.data()[19], 2400 * 160, 2700 * 160, 0);
        long started = System.nanoTime();
        BufferedImage image = EegCharts.traces(hour, TraceOptions.defaults().withWindow(0, 0));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("one hour, 64 channels, 160 Hz drawn in " + millis + " ms");
        PlotFixtures.save(image, "traces-hour-64ch");
        assertEquals(1000, image.getWidth());
        assertTrue(image.getHeight() >= 64 * 14, "64 channels get at least 14 px each");
        assertTrue(PlotFixtures.inked(image) > 100_000);
    }

    @Test
    void moreThan64ChannelsShowTheFirst64() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            names.add("E" + i);
        }
        EegData many = PlotFixtures.recording(names, 0, 5, 100, 5);
        BufferedImage image = EegCharts.traces(many, TraceOptions.defaults());
        assertTrue(PlotFixtures.inked(image) > 10_000);
        List<String> named = names.subList(0, 65);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EegCharts.traces(many, TraceOptions.defaults().withChannels(named)));
        assertTrue(e.getMessage().contains("'Channels'") && e.getMessage().contains("64"), e.getMessage());
    }

    @Test
    void aWindowRunningPastTheEndStopsAtTheEnd() {
        EegData recording = PlotFixtures.recording(12, 250, 6);
        BufferedImage image = EegCharts.traces(recording, TraceOptions.defaults().withWindow(8, 10));
        PlotFixtures.save(image, "traces-window-past-end");
        assertTrue(PlotFixtures.inked(image) > 20_000);
    }

    @Test
    void flatAndMissingValuesStillDraw() {
        double[][] data = new double[3][500];
        for (int s = 0; s < 500; s++) {
            data[1][s] = s % 50 == 0 ? Double.NaN : 1e-5 * Math.sin(s / 10.0);
        }
        EegData recording = new EegData("flat.edf", RecordingFormat.EDF, 100, List.of("A", "B", "C"),
                List.of(ChannelKind.EEG, ChannelKind.EEG, ChannelKind.MISC), data, List.of());
        BufferedImage image = EegCharts.traces(recording, TraceOptions.defaults());
        PlotFixtures.save(image, "traces-flat");
        assertTrue(PlotFixtures.inked(image) > 3_000);
    }

    @Test
    void badWindowsAndChannelsAreExplained() {
        EegData recording = PlotFixtures.recording(12, 250, 7);
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> EegCharts.traces(recording, TraceOptions.defaults().withWindow(12, 10)));
        assertTrue(late.getMessage().contains("'Start (s)'") && late.getMessage().contains("12 s long"),
                late.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TraceOptions.defaults().withWindow(-1, 10));
        assertTrue(negative.getMessage().contains("'Start (s)'"), negative.getMessage());
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
                () -> TraceOptions.defaults().withWindow(0, -2));
        assertTrue(duration.getMessage().contains("'Duration (s)'"), duration.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EegCharts.traces(recording, TraceOptions.defaults().withChannels(List.of("Cz", "Xy1"))));
        assertTrue(unknown.getMessage().contains("'Channels'") && unknown.getMessage().contains("'Xy1'")
                && unknown.getMessage().contains("Fp1, Fp2"), unknown.getMessage());
    }

    @Test
    void markerLabelsAreTheirShortNames() {
        assertEquals("S253", TraceChart.shortLabel("Stimulus/S253"));
        assertEquals("S 1", TraceChart.shortLabel("Stimulus/S  1"));
        assertEquals("New Segment", TraceChart.shortLabel("New Segment/"));
        assertEquals("T0", TraceChart.shortLabel("T0"));
    }

    @Test
    void mneAverageOfTheBrainVisionTestFile() {
        Epochs evoked = PlotFixtures.referenceEvoked("mne_test", "test.vhdr", 1000, 11);
        BufferedImage image = EegCharts.butterfly(evoked, ButterflyOptions.defaults());
        PlotFixtures.save(image, "butterfly-mne-test");
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(PlotFixtures.coloured(image, 84, 74, 964, 542) > 5_000, "coloured traces in the plot area");
    }

    @Test
    void mneAverageOfTheEeguanaRecording() {
        Epochs evoked = PlotFixtures.referenceEvoked("eeguana_f32", "bv_export_bv_txt_bin_multi.vhdr", 512, 12);
        BufferedImage image = EegCharts.butterfly(evoked, ButterflyOptions.defaults());
        PlotFixtures.save(image, "butterfly-eeguana");
        assertTrue(PlotFixtures.coloured(image, 84, 74, 964, 542) > 5_000);
    }

    @Test
    void aFewChannelsGetALegend() {
        Epochs evoked = PlotFixtures.referenceEvoked("mne_test", "test.vhdr", 1000, 11);
        BufferedImage image = EegCharts.butterfly(evoked,
                ButterflyOptions.defaults().withChannels(List.of("Fz", "Cz", "Pz", "O1")));
        PlotFixtures.save(image, "butterfly-four-channels");
        assertTrue(PlotFixtures.coloured(image, 84, 74, 900, 542) > 2_000);
    }

    @Test
    void singleEpochsAreAveragedAndCanBeShownAsAnImage() {
        Epochs epochs = PlotFixtures.epochs(60, 8);
        BufferedImage mean = EegCharts.butterfly(epochs, ButterflyOptions.defaults());
        PlotFixtures.save(mean, "butterfly-synthetic-mean");
        assertEquals(600, mean.getHeight());
        BufferedImage both = EegCharts.butterfly(epochs, ButterflyOptions.defaults().withImage(true, "Pz"));
        PlotFixtures.save(both, "butterfly-synthetic-image");
        assertEquals(1000, both.getWidth());
        assertEquals(900, both.getHeight());
        assertTrue(PlotFixtures.coloured(both, 84, 500, 900, 840) > 50_000, "the epochs image is coloured");
        BufferedImage peak = EegCharts.butterfly(epochs, ButterflyOptions.defaults().withImage(true, ""));
        assertTrue(PlotFixtures.inked(peak) > 50_000);
    }

    @Test
    void meanOfEpochsIsInMicrovolts() {
        Epochs epochs = PlotFixtures.epochs(5, 9);
        double[][] mean = ButterflyChart.meanMicrovolts(epochs, new int[] {3});
        double expected = 0;
        for (int e = 0; e < 5; e++) {
            expected += epochs.data()[e][3][100];
        }
        assertEquals(expected / 5 * 1e6, mean[0][100], 1e-9);
    }

    @Test
    void badEpochPlotsAreExplained() {
        Epochs evoked = PlotFixtures.referenceEvoked("mne_test", "test.vhdr", 1000, 11);
        IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
                () -> EegCharts.butterfly(evoked, ButterflyOptions.defaults().withImage(true, "")));
        assertTrue(image.getMessage().contains("'Image'") && image.getMessage().contains("average"),
                image.getMessage());
        Epochs epochs = PlotFixtures.epochs(4, 10);
        IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
                () -> EegCharts.butterfly(epochs, ButterflyOptions.defaults().withImage(true, "Cz2")));
        assertTrue(channel.getMessage().contains("'Channel'") && channel.getMessage().contains("'Cz2'"),
                channel.getMessage());
        Epochs none = new Epochs("empty.vhdr", 250, List.of("Cz"), List.of(ChannelKind.EEG), new double[] {0, 0.004},
                new double[0][][], new int[0], new int[0], java.util.Map.of(), false, 0);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> EegCharts.butterfly(none, ButterflyOptions.defaults()));
        assertTrue(empty.getMessage().contains("no epochs"), empty.getMessage());
    }
}
