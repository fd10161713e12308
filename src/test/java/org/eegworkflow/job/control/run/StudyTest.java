package org.eegworkflow.job.control.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.eeg.bids.StudyDataset;
import org.eegworkflow.eeg.blocks.EEGLABDataProvider;
import org.eegworkflow.eeg.blocks.EdfDataProvider;
import org.eegworkflow.eeg.blocks.EegTypes;
import org.eegworkflow.eeg.blocks.EpochAveraging;
import org.eegworkflow.eeg.blocks.EpochExtraction;
import org.eegworkflow.eeg.blocks.Filter;
import org.eegworkflow.eeg.blocks.OfflineDataProvider;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.workflow.control.WorkflowPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A study end to end, without a container (issue 17): the 20-subject synthetic BIDS dataset ({@link StudyDataset};
 * BrainVision, EDF+ and EEGLAB) through DatasetProvider -> Filter 1-40 Hz -> EpochExtraction (face; house) ->
 * EpochAveraging -> GrandAverage -> Export, against MNE 1.3's {@code grand_average} (reference/study,
 * make_study_reference.py) within 1e-6 relative; each element's average the very doubles of its recording run alone;
 * one unreadable subject failing only its chain, and a restart after the file is replaced.
 */
class StudyTest {
    private static final String EEG = EegTypes.MODULE;
    private static final List<String> CONDITIONS = StudyDataset.CONDITIONS;
    private static final Map<String, int[]> BLOCKS = StudyDataset.BLOCKS;

    @TempDir
    Path data;

    private Path files;
    private List<StudyDataset.Subject> subjects;
    private HandWiredEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        files = data.resolve("files");
        long start = System.nanoTime();
        subjects = StudyDataset.write(files.resolve("study"), StudyDataset.SUBJECTS);
        System.out.printf("STUDY dataset of %d subjects written in %d ms%n", subjects.size(),
                (System.nanoTime() - start) / 1_000_000);
        engine = new HandWiredEngine(data);
    }

    private WorkflowPlan plan() {
        return WorkflowPlan.compile(StudyDataset.workflow("study"), 100, engine.registry);
    }

    @Test
    void theStudyEqualsMnesGrandAverageAndEachElementItsRecordingAlone() throws Exception {
        assertEquals(StudyDataset.referenceDigest(), StudyDataset.digest(files.resolve("study")),
                "the generator writes the dataset the MNE references were made from");
        WorkflowPlan plan = plan();
        assertEquals(java.util.Set.of(2, 3, 4, 7, 8), plan.mapping().mapped().keySet(),
                "Filter, EpochExtraction and EpochAveraging run once per recording; GrandAverage gathers them");
        WorkflowRun run = engine.open(1, plan, Map.of(), 1, files);
        long start = System.nanoTime();
        engine.runToTheEnd(run, Duration.ofMinutes(5));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(run.hasFailures(), run.firstFailure());
        System.out.printf("STUDY 20 subjects x 2 conditions, 10 blocks (105 block and element runs) in %d ms%n", millis);

        assertTrue(engine.results.get(1).getOutputValue().startsWith("20 recordings of study (BIDS)"),
                engine.results.get(1).getOutputValue());
        assertTrue(engine.results.get(1).getStdout().contains("sub-07_task-faces: bad channels Fp1, Oz"),
                engine.results.get(1).getStdout());
        for (int block : List.of(2, 3, 4, 7, 8)) {
            assertEquals("20 of 20 elements completed", engine.results.get(block).getOutputValue(), "block " + block);
            assertEquals(20, engine.elements.stream().filter(e -> e.getBlockId() == block).count());
        }
        Map<Integer, Map<String, Object>> outputs = Checkpoints.read(engine.checkpoints(1), plan.specs(),
                engine.registry::codec);
        Map<Integer, Map<String, Map<String, Object>>> elements = Checkpoints.readElements(engine.checkpoints(1),
                plan.specs(), engine.registry::codec);
        for (String condition : CONDITIONS) {
            int[] b = BLOCKS.get(condition);
            assertEquals("grand average of 20 subjects, 12 channels x 176 samples; left out 2 channels not in every"
                    + " input: T7, T8", engine.results.get(b[2]).getOutputValue());
            Epochs grand = (Epochs) outputs.get(b[2]).get("Epochs");
            assertEquals(20, grand.nave());
            StudyDataset.Reference mne = StudyDataset.reference("study_" + condition + "_grand_average");
            double worst = compare(condition + " grand average", mne, grand);
            double worstCsv = compareCsv(condition, mne, data.resolve("jobs/1/files/" + b[3] + "-" + condition
                    + ".csv"));
            System.out.printf("AGREEMENT %-45s max relative error %.3g (Export CSV %.3g)%n",
                    "study GrandAverage " + condition, worst, worstCsv);

            int pz = grand.channelNames().indexOf("Pz");
            double[] row = grand.epochRow(0, pz);
            int peak = 0;
            for (int t = 0; t < row.length; t++) {
                peak = row[t] > row[peak] ? t : peak;
            }
            if (condition.equals("face")) {
                assertTrue(row[peak] > 3e-6, "the component shows in the face grand average: " + row[peak]);
                assertEquals(StudyDataset.PEAK, grand.times()[peak], 0.03, "at about 300 ms");
            } else {
                double largest = Arrays.stream(row).map(Math::abs).max().orElseThrow();
                assertTrue(largest < 1e-6, "no component after house: |Pz| at most " + largest);
            }

            // each element is its recording run alone, to the bit; three of them against MNE's evokeds too
            Map<String, Map<String, Object>> averages = elements.get(b[1]);
            assertEquals(20, averages.size());
            for (StudyDataset.Subject subject : subjects) {
                Epochs element = (Epochs) averages.get(subject.key()).get("Epochs");
                Epochs alone = alone(subject, condition);
                assertEquals(alone.channelNames(), element.channelNames(), subject.key());
                assertEquals(alone.nave(), element.nave(), subject.key());
                assertEquals(subject.count(condition), element.nave(), subject.key());
                assertTrue(Arrays.equals(alone.times(), element.times()), subject.key());
                for (int c = 0; c < alone.channelCount(); c++) {
                    assertTrue(Arrays.equals(alone.epochRow(0, c), element.epochRow(0, c)),
                            subject.key() + " " + condition + " " + alone.channelNames().get(c));
                }
                if (subject.number() <= 3) {
                    compare(subject.key() + " " + condition, StudyDataset.reference("study_" + condition + "_sub-"
                            + subject.label()), element);
                }
            }
        }
    }

    @Test
    void anUnreadableSubjectFailsOnlyItsChainAndARestartAfterTheFileIsReplacedCompletes() throws Exception {
        StudyDataset.Subject six = subjects.get(5);
        assertEquals(StudyDataset.Format.EEGLAB, six.format());
        StudyDataset.truncate(six);
        WorkflowPlan plan = plan();
        WorkflowRun first = engine.open(2, plan, Map.of(), 1, files);
        engine.runToTheEnd(first, Duration.ofMinutes(5));

        assertTrue(first.hasFailures());
        assertTrue(first.firstFailure().startsWith("block 1 (DatasetProvider), element sub-06_task-faces: cannot"
                + " read sub-06/eeg/sub-06_task-faces_eeg.set: "), first.firstFailure());
        assertTrue(first.firstFailure().contains("is truncated"), first.firstFailure());
        assertEquals(BlockStatus.FAILED, engine.results.get(1).getStatus());
        for (int block : List.of(2, 3, 4, 7, 8)) {
            List<ElementRun> ofBlock = engine.elements.stream().filter(e -> e.getBlockId() == block).toList();
            assertEquals(19, ofBlock.stream().filter(e -> e.getStatus() == BlockStatus.COMPLETED).count(),
                    "block " + block + ": the other subjects went on");
            ElementRun failed = ofBlock.stream().filter(e -> e.getElementKey().equals(six.key())).findFirst()
                    .orElseThrow();
            assertEquals(BlockStatus.FAILED, failed.getStatus());
        }
        for (String condition : CONDITIONS) {
            int grand = BLOCKS.get(condition)[2];
            assertEquals(BlockStatus.FAILED, engine.results.get(grand).getStatus());
            assertEquals("not run: 1 element it gathers failed upstream (sub-06_task-faces)",
                    engine.results.get(grand).getStderr());
            assertEquals(BlockStatus.FAILED, engine.results.get(BLOCKS.get(condition)[3]).getStatus());
        }

        StudyDataset.writeSubject(files.resolve("study"), six.number());
        assertEquals(StudyDataset.referenceDigest(), StudyDataset.digest(files.resolve("study")), "the file is as it was");
        WorkflowRun again = engine.restart(first, plan, files);
        engine.runToTheEnd(again, Duration.ofMinutes(5));
        assertFalse(again.hasFailures(), again.firstFailure());
        for (int block : List.of(2, 3, 4, 7, 8)) {
            assertEquals("20 of 20 elements completed (19 reused from an earlier attempt)",
                    engine.results.get(block).getOutputValue(), "block " + block);
            assertEquals(List.of(six.key()), engine.elements.stream().filter(e -> e.getBlockId() == block)
                    .map(ElementRun::getElementKey).toList(), "only sub-06 ran again in block " + block);
        }
        Map<Integer, Map<String, Object>> outputs = Checkpoints.read(engine.checkpoints(2), plan.specs(),
                engine.registry::codec);
        for (String condition : CONDITIONS) {
            int grand = BLOCKS.get(condition)[2];
            assertEquals(BlockStatus.COMPLETED, engine.results.get(grand).getStatus());
            compare(condition + " after the restart", StudyDataset.reference("study_" + condition + "_grand_average"),
                    (Epochs) outputs.get(grand).get("Epochs"));
        }
    }

    // ---------------------------------------------------------------- the recording alone

    private final BlockContext context = new BlockContext() {
        @Override
        public Path workingDirectory() {
            return data;
        }

        @Override
        public void log(String line) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private Object one(Class<?> type, Map<String, String> values, String input, Object value, String output) {
        Map<String, List<Object>> inputs = new HashMap<>();
        if (input != null) {
            inputs.put(input, List.of(value));
        }
        return BlockInvoker.invoke(BlockIntrospector.describe(EEG, type), values, inputs, context, files).outputs()
                .get(output);
    }

    /** The format's own provider -> Filter 1-40 -> EpochExtraction (the condition) -> EpochAveraging. */
    private Epochs alone(StudyDataset.Subject subject, String condition) {
        String file = files.relativize(subject.recording()).toString().replace('\\', '/');
        Object raw = switch (subject.format()) {
            case BRAINVISION -> one(OfflineDataProvider.class, Map.of("EEG File", file), null, null, "EEGData");
            case EDF -> one(EdfDataProvider.class, Map.of("EDF File", file), null, null, "EEGData");
            case EEGLAB -> one(EEGLABDataProvider.class, Map.of("EEGLAB File", file), null, null, "EEGData");
        };
        Object filtered = one(Filter.class, Map.of("Low Cutoff Frequency", "1", "High Cutoff Frequency", "40"),
                "EEGData", raw, "EEGData");
        Object epochs = one(EpochExtraction.class, Map.of("Event Id", condition), "EEGData", filtered, "Epochs");
        return (Epochs) one(EpochAveraging.class, Map.of(), "Epochs", epochs, "Epochs");
    }

    // ---------------------------------------------------------------- the MNE references

    /** The largest relative error of values above 1 nV (1e-6 relative allowed, 1e-15 V absolute near zero). */
    private static double compare(String what, StudyDataset.Reference mne, Epochs ours) {
        assertEquals(mne.names(), ours.channelNames(), what);
        assertEquals(mne.rows().size(), ours.timeCount(), what);
        double worst = 0;
        for (int c = 0; c < ours.channelCount(); c++) {
            double[] row = ours.epochRow(0, c);
            for (int t = 0; t < row.length; t++) {
                worst = Math.max(worst, check(what + " " + mne.names().get(c) + " sample " + t,
                        mne.rows().get(t)[c], row[t], 1e-15));
            }
        }
        return worst;
    }

    /** The Export CSV (time, then µV per channel) against the reference. */
    private static double compareCsv(String what, StudyDataset.Reference mne, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time (s)," + String.join(",", mne.names()), lines.get(0), what);
        assertEquals(mne.rows().size() + 1, lines.size(), what);
        double worst = 0;
        for (int t = 0; t < mne.rows().size(); t++) {
            String[] cells = lines.get(t + 1).split(",");
            for (int c = 0; c < mne.names().size(); c++) {
                worst = Math.max(worst, check(what + " CSV " + mne.names().get(c) + " row " + t,
                        mne.rows().get(t)[c] * 1e6, Double.parseDouble(cells[c + 1]), 1e-9));
            }
        }
        return worst;
    }

    private static double check(String what, double expected, double actual, double absolute) {
        double diff = Math.abs(actual - expected);
        assertTrue(diff <= 1e-6 * Math.abs(expected) || diff <= absolute, what + ": " + actual + ", MNE " + expected);
        return Math.abs(expected) > absolute * 1e6 ? diff / Math.abs(expected) : 0;
    }
}
