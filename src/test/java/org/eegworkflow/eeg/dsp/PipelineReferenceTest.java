package org.eegworkflow.eeg.dsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EventMapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain on the real recordings against MNE-Python 1.3's results (reference/mne_reference.py): band-pass
 * 1-40 Hz, events, epochs -0.2..0.5 s with baseline (None, 0), average, db1 approximation features.
 */
class PipelineReferenceTest {
    private static final double MICRO = 1e6;
    /** The bar: 1e-6 relative, or 1e-9 µV where MNE's value is near zero. */
    private static final double RELATIVE = 1e-6;
    private static final double FLOOR_MICROVOLTS = 1e-9;
    /** Features are unit vectors of some thousands of values (~1e-2); the same absolute bar in their scale. */
    private static final double FLOOR_FEATURES = 1e-12;

    static EegData read(String prefix) {
        return switch (prefix) {
            case "mne_test" -> BrainVisionReader.read(EegTestData.file("brainvision-mne/test.vhdr"));
            case "eeguana_f32" ->
                    BrainVisionReader.read(EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr"));
            case "eeguana_i16" -> BrainVisionReader.read(
                    EegTestData.file("brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr"));
            case "eeguana_edfplus" -> EdfReader.read(EegTestData.file("brainvision-eeguana/bv_export_edf+.edf"));
            default -> throw new IllegalArgumentException(prefix);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"mne_test", "eeguana_f32", "eeguana_i16", "eeguana_edfplus"})
    void agreesWithMne(String prefix) throws IOException {
        EegData raw = read(prefix);
        String log = Files.readString(reference(prefix + ".log"));

        EegData filtered = FirFilter.filter(raw, 1., 40.);
        double[][] expectedFiltered = MneCases.table(reference(prefix + "_filtered_first2000.csv"), 0);
        Agreement filterAgreement = new Agreement(prefix + " filtered first 2000 (uV)", RELATIVE, FLOOR_MICROVOLTS);
        assertEquals(raw.channelCount(), expectedFiltered[0].length);
        for (int c = 0; c < raw.channelCount(); c++) {
            if (raw.channelKinds().get(c) == ChannelKind.MISC) {
                assertArrayEquals(raw.data()[c], filtered.data()[c], 0., "misc channels pass through");
            }
            for (int i = 0; i < 2000; i++) {
                filterAgreement.check(raw.channelNames().get(c) + " sample " + i, expectedFiltered[i][c],
                        filtered.data()[c][i] * MICRO);
            }
        }
        filterAgreement.report();

        Events events = EventMapping.fromAnnotations(filtered);
        Epochs epochs = Epoching.extract(filtered, events, -0.2, 0.5, true, null, 0., Set.of());
        int[] shape = numbers(log, "epochs shape \\((\\d+), (\\d+), (\\d+)\\)");
        assertArrayEquals(shape, new int[] {epochs.epochCount(), epochs.channelCount(), epochs.timeCount()});
        double[] firstLast = doubles(log, "epochs.times\\[0], \\[-1] (\\S+) (\\S+)");
        assertEquals(firstLast[0], epochs.times()[0], 1e-15);
        assertEquals(firstLast[1], epochs.times()[epochs.timeCount() - 1], 1e-15);

        Epochs evoked = Averaging.average(epochs);
        assertEquals(numbers(log, "nave (\\d+)")[0], evoked.nave());
        List<String> lines = Files.readAllLines(reference(prefix + "_evoked.csv"));
        assertEquals(Arrays.asList(lines.get(0).split(",")), evoked.channelNames());
        double[][] expectedEvoked = MneCases.table(reference(prefix + "_evoked.csv"), 1);
        assertEquals(evoked.timeCount(), expectedEvoked.length);
        Agreement evokedAgreement = new Agreement(prefix + " evoked (uV)", RELATIVE, FLOOR_MICROVOLTS);
        for (int c = 0; c < evoked.channelCount(); c++) {
            for (int t = 0; t < evoked.timeCount(); t++) {
                evokedAgreement.check(evoked.channelNames().get(c) + " time " + t, expectedEvoked[t][c],
                        evoked.data()[0][c][t] * MICRO);
            }
        }
        evokedAgreement.report();

        FeatureVectors features = HaarWavelet.features(epochs, false);
        double[][] expectedFeatures = MneCases.table(reference(prefix + "_dwt_approx_norm.csv"), 0);
        assertEquals(expectedFeatures.length, features.count());
        Agreement featureAgreement = new Agreement(prefix + " db1 approximation features", RELATIVE,
                FLOOR_FEATURES);
        for (int e = 0; e < features.count(); e++) {
            featureAgreement.check("epoch " + e, expectedFeatures[e], features.features()[e]);
        }
        featureAgreement.report();
        assertArrayEquals(epochs.eventIds(), features.eventIds());
    }

    private static Path reference(String name) {
        return EegTestData.file("reference/" + name);
    }

    private static int[] numbers(String log, String regex) {
        return Arrays.stream(groups(log, regex)).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String log, String regex) {
        return Arrays.stream(groups(log, regex)).mapToDouble(Double::parseDouble).toArray();
    }

    private static String[] groups(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        assertTrue(m.find(), regex + " not in the log");
        String[] groups = new String[m.groupCount()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = m.group(i + 1);
        }
        return groups;
    }
}
