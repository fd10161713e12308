package org.eegworkflow.eeg.dsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EventMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GrandAveraging} against MNE-Python 1.3's {@code mne.grand_average} (reference/group, made by
 * make_grand_average_reference.py there): from MNE's own per-subject evokeds to the bit, and from the recordings
 * through our filter, epochs and average within the pipeline's bar.
 */
class GrandAveragingTest {
    /** The cases of the reference: group_condition, and how many subjects. */
    private static final Map<String, Integer> CASES = Map.of("physionet_T1", 2, "physionet_T2", 2,
            "eeguana_all", 3);

    /** A stored evoked: channel names, and data channels x times in volts. */
    record Stored(List<String> names, double[][] data) {
        Epochs asAverage(String source, double rate, double[] times, int nave) {
            return new Epochs(source, rate, names, names.stream().map(n -> ChannelKind.EEG).toList(), times,
                    new double[][][] {data}, new int[0], new int[0], Map.of(), true, nave);
        }
    }

    static Stored stored(String name) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(EegTestData.file("reference/group/" + name + ".csv.gz"))),
                StandardCharsets.US_ASCII))) {
            List<String> names = Arrays.asList(in.readLine().split(","));
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            double[][] data = new double[names.size()][rows.size()];
            for (int t = 0; t < rows.size(); t++) {
                for (int c = 0; c < names.size(); c++) {
                    data[c][t] = rows.get(t)[c];
                }
            }
            return new Stored(names, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recordings of each group, in the order the reference combined them. */
    static List<EegData> subjects(String group) {
        return switch (group) {
            case "physionet" -> List.of(EdfReader.read(EegTestData.file("edf-eegmmidb/S001R03.edf")),
                    EdfReader.read(EegTestData.file("edf-eegmmidb/S001R04.edf")));
            case "eeguana" -> List.of(
                    BrainVisionReader.read(EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr")),
                    BrainVisionReader.read(
                            EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr")),
                    EdfReader.read(EegTestData.file("brainvision-eeguana/bv_export_edf+.edf")));
            default -> throw new IllegalArgumentException(group);
        };
    }

    /** Our read -> filter 1-40 Hz -> epochs -0.2..0.5 s of one condition (or all) -> average. */
    static Epochs evoked(EegData raw, String condition) {
        EegData filtered = FirFilter.filter(raw, 1., 40.);
        Events events = EventMapping.fromAnnotations(filtered);
        Set<Integer> ids = condition.equals("all") ? Set.of() : Set.of(events.idsByDescription().get(condition));
        return Averaging.average(Epoching.extract(filtered, events, -0.2, 0.5, true, null, 0., ids));
    }

    @ParameterizedTest
    @ValueSource(strings = {"physionet_T1", "physionet_T2", "eeguana_all"})
    void mneEvokedsGiveMnesGrandAverageToTheBit(String label) {
        int n = CASES.get(label);
        double rate = label.startsWith("physionet") ? 160. : 512.;
        List<Epochs> evokeds = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Stored subject = stored(label + "_subject" + i);
            // MNE's epoch times: whole samples from round(tmin * sfreq), over sfreq
            double[] times = new double[subject.data()[0].length];
            for (int t = 0; t < times.length; t++) {
                times[t] = (Math.rint(-0.2 * rate) + t) / rate;
            }
            evokeds.add(subject.asAverage("subject " + i, rate, times, 10));
        }
        Stored expected = stored(label + "_grand_average");
        GrandAveraging.Result result = GrandAveraging.average(evokeds);
        Epochs grand = result.average();
        assertEquals(expected.names(), grand.channelNames());
        assertEquals(n, grand.nave());
        assertTrue(grand.averaged());
        assertEquals("Grand average (n = " + n + ")", grand.source());
        assertEquals(label.equals("eeguana_all") ? List.of("M1", "M2", "HEOG", "VEOG") : List.of(),
                result.dropped());
        Agreement agreement = new Agreement(label + " grand average of MNE's evokeds", 1e-12, 0.);
        for (int c = 0; c < grand.channelCount(); c++) {
            agreement.check(grand.channelNames().get(c), expected.data()[c], grand.epochRow(0, c));
            // the same sums in the same order: not close, equal
            assertArrayEquals(expected.data()[c], grand.epochRow(0, c), 0., grand.channelNames().get(c));
        }
        agreement.report();
    }

    @ParameterizedTest
    @ValueSource(strings = {"physionet_T1", "physionet_T2", "eeguana_all"})
    void recordingsThroughOurPipelineGiveMnesGrandAverage(String label) {
        String[] parts = label.split("_");
        List<Epochs> evokeds = subjects(parts[0]).stream().map(raw -> evoked(raw, parts[1])).toList();
        Stored expected = stored(label + "_grand_average");
        Epochs grand = GrandAveraging.average(evokeds).average();
        assertEquals(expected.names(), grand.channelNames());
        assertEquals(evokeds.size(), grand.nave());
        // the bar of PipelineReferenceTest: 1e-6 relative, or 1e-9 µV where MNE's value is near zero
        Agreement agreement = new Agreement(label + " grand average from the recordings", 1e-6, 1e-15);
        for (int c = 0; c < grand.channelCount(); c++) {
            agreement.check(grand.channelNames().get(c), expected.data()[c], grand.epochRow(0, c));
        }
        agreement.report();
        // and each subject's average against MNE's, for the record
        Agreement subjects = new Agreement(label + " subjects' averages", 1e-6, 1e-15);
        for (int i = 0; i < evokeds.size(); i++) {
            Stored subject = stored(label + "_subject" + (i + 1));
            assertEquals(subject.names(), evokeds.get(i).channelNames());
            for (int c = 0; c < subject.names().size(); c++) {
                subjects.check("subject " + (i + 1) + " " + subject.names().get(c), subject.data()[c],
                        evokeds.get(i).epochRow(0, c));
            }
        }
        subjects.report();
    }

    private static Epochs average(String source, List<String> names, double[] times, double value) {
        double[][] data = new double[names.size()][times.length];
        for (double[] row : data) {
            Arrays.fill(row, value);
        }
        return new Epochs(source, 100., names, names.stream().map(n -> ChannelKind.EEG).toList(), times,
                new double[][][] {data}, new int[0], new int[0], Map.of(), true, 5);
    }

    private static final double[] TIMES = {-0.01, 0., 0.01, 0.02};

    @Test
    void channelsMissingFromSomeInputAreLeftOutInTheFirstInputsOrder() {
        Epochs a = average("a", List.of("Fz", "Cz", "Pz", "Oz"), TIMES, 1.);
        Epochs b = average("b", List.of("Pz", "Cz", "Fz"), TIMES, 2.);
        Epochs c = average("c", List.of("Cz", "Fz", "Pz", "T7"), TIMES, 6.);
        GrandAveraging.Result result = GrandAveraging.average(List.of(a, b, c));
        assertEquals(List.of("Fz", "Cz", "Pz"), result.average().channelNames());
        assertEquals(List.of("Oz", "T7"), result.dropped());
        assertEquals(3, result.average().nave());
        double expected = 0. + 1. / 3 * 1. + 1. / 3 * 2. + 1. / 3 * 6.;
        assertArrayEquals(new double[] {expected, expected, expected, expected}, result.average().epochRow(0, 1),
                0.);
    }

    @Test
    void refusesWhatMneRefuses() {
        Epochs a = average("a.vhdr", List.of("Fz", "Cz"), TIMES, 1.);
        assertEquals("There is no average to take the grand average of: connect one EpochAveraging block per"
                + " subject to GrandAverage", assertThrows(IllegalArgumentException.class,
                        () -> GrandAveraging.average(List.of())).getMessage());

        Epochs epochs = new Epochs("b.vhdr", 100., List.of("Fz", "Cz"), List.of(ChannelKind.EEG, ChannelKind.EEG),
                TIMES, new double[2][2][4], new int[] {10, 20}, new int[] {1, 1}, Map.of(), false, 0);
        assertEquals("input 2 is epochs, not an average: put EpochAveraging before GrandAverage",
                assertThrows(IllegalArgumentException.class,
                        () -> GrandAveraging.average(List.of(a, epochs))).getMessage());

        Epochs elsewhere = average("c.vhdr", List.of("O1", "O2"), TIMES, 1.);
        assertEquals("No channel is common to all inputs of GrandAverage: input 1 has channels Fz, Cz and input 2"
                + " has O1, O2", assertThrows(IllegalArgumentException.class,
                        () -> GrandAveraging.average(List.of(a, elsewhere))).getMessage());

        Epochs later = average("d.vhdr", List.of("Fz", "Cz"), new double[] {0., 0.01, 0.02, 0.03}, 1.);
        assertEquals("input 2 (d.vhdr) has 4 samples from 0.0 to 0.03 s and input 1 (a.vhdr) 4 samples from -0.01"
                + " to 0.02 s: cut every subject's epochs with the same PreStimulus and PostStimulus onset",
                assertThrows(IllegalArgumentException.class,
                        () -> GrandAveraging.average(List.of(a, later))).getMessage());
        Epochs longer = average("e.vhdr", List.of("Fz", "Cz"), new double[] {-0.01, 0., 0.01, 0.02, 0.03}, 1.);
        assertThrows(IllegalArgumentException.class, () -> GrandAveraging.average(List.of(a, longer)));

        Epochs faster = new Epochs("f.vhdr", 200., a.channelNames(), a.channelKinds(), TIMES,
                new double[][][] {new double[2][4]}, new int[0], new int[0], Map.of(), true, 5);
        assertEquals("input 2 (f.vhdr) is sampled at 200.0 Hz and input 1 (a.vhdr) at 100.0 Hz: resample them to"
                + " one rate before GrandAverage", assertThrows(IllegalArgumentException.class,
                        () -> GrandAveraging.average(List.of(a, faster))).getMessage());
    }

    @Test
    void timesWithinMnesToleranceAreTheSameInstants() {
        Epochs a = average("a", List.of("Fz"), TIMES, 1.);
        Epochs b = average("b", List.of("Fz"), new double[] {-0.01 + 5e-8, 0., 0.01, 0.02}, 3.);
        assertArrayEquals(new double[] {2., 2., 2., 2.},
                GrandAveraging.average(List.of(a, b)).average().epochRow(0, 0), 0.);
    }
}
