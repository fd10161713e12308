package org.eegworkflow.eeg.plot;

import java.awt.image.BufferedImage;
import java.util.List;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EventMapping;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace view of the real BrainVision recordings in ../shared/data/eeg. */
class RealRecordingChartsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theMneTestRecording() {
        EegData raw = BrainVisionReader.read(EegTestData.file("brainvision-mne/test.vhdr"));
        BufferedImage image = EegCharts.traces(raw, TraceOptions.defaults());
        PlotFixtures.save(image, "traces-mne-test");
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(PlotFixtures.inked(image) > 30_000);
    }

    @Test
    void theEeguanaRecordingWithItsMarkers() {
        EegData raw = BrainVisionReader.read(EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr"));
        BufferedImage image = EegCharts.traces(raw, TraceOptions.defaults().withWindow(0, 0));
        PlotFixtures.save(image, "traces-eeguana");
        assertEquals(34 * 14 + 130, image.getHeight());
        assertTrue(PlotFixtures.inked(image) > 30_000);
        BufferedImage few = EegCharts.traces(raw,
                TraceOptions.defaults().withChannels(List.of("Fz", "Cz", "Pz", "VEOG")).withWindow(2, 3));
        PlotFixtures.save(few, "traces-eeguana-four");
        assertTrue(PlotFixtures.inked(few) > 5_000);
    }

    @Test
    void singleEpochsOfTheEeguanaRecording() {
        EegData raw = BrainVisionReader.read(EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr"));
        Epochs epochs = cut(raw, EventMapping.fromAnnotations(raw), -0.2, 0.5);
        BufferedImage image = EegCharts.butterfly(epochs, ButterflyOptions.defaults().withImage(true, "Cz"));
        PlotFixtures.save(image, "butterfly-eeguana-epochs-image");
        assertEquals(900, image.getHeight());
        assertTrue(PlotFixtures.coloured(image, 84, 500, 900, 840) > 20_000);
    }

    /**
     * Unfiltered epochs from tmin to tmax around every event that fits, baseline-corrected on the EEG channels over
     * tmin..0: enough for a chart (the faithful epoching is the dsp package's).
     */
    static Epochs cut(EegData raw, Events events, double tmin, double tmax) {
        double fs = raw.samplingRate();
        int first = (int) Math.round(tmin * fs);
        int last = (int) Math.round(tmax * fs);
        double[] times = new double[last - first + 1];
        for (int i = 0; i < times.length; i++) {
            times[i] = (first + i) / fs;
        }
        java.util.List<double[][]> kept = new java.util.ArrayList<>();
        java.util.List<Integer> samples = new java.util.ArrayList<>();
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (int e = 0; e < events.count(); e++) {
            int at = events.samples()[e];
            if (at + first < 0 || at + last >= raw.sampleCount() || events.ids()[e] >= 99998) {
                continue; // past either end, or New Segment / Sync On, which are not stimuli
            }
            double[][] epoch = new double[raw.channelCount()][times.length];
            for (int c = 0; c < raw.channelCount(); c++) {
                System.arraycopy(raw.data()[c], at + first, epoch[c], 0, times.length);
                if (raw.channelKinds().get(c) == ChannelKind.EEG) {
                    double mean = 0;
                    for (int t = 0; t <= -first; t++) {
                        mean += epoch[c][t];
                    }
                    mean /= 1 - first;
                    for (int t = 0; t < times.length; t++) {
                        epoch[c][t] -= mean;
                    }
                }
            }
            kept.add(epoch);
            samples.add(at);
            ids.add(events.ids()[e]);
        }
        return new Epochs(raw.source(), fs, raw.channelNames(), raw.channelKinds(), times,
                kept.toArray(new double[0][][]), samples.stream().mapToInt(Integer::intValue).toArray(),
                ids.stream().mapToInt(Integer::intValue).toArray(), events.idsByDescription(), false, kept.size());
    }
}
