package org.eegworkflow.eeg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.Events;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.junit.jupiter.api.Test;

class EventMappingTest {
    private static EegData recording(RecordingFormat format, double rate, Annotation... annotations) {
        return new EegData("x", format, rate, List.of("Cz"), List.of(ChannelKind.EEG), new double[][] {new double[10]},
                List.of(annotations));
    }

    @Test
    void brainVisionCodes() {
        EegData data = recording(RecordingFormat.BRAINVISION, 100,
                new Annotation(0.05, 0, "Stimulus/S  1"),
                new Annotation(0.01, 0, "Response/R 12"),
                new Annotation(0.02, 0, "Optic/O  3"),
                new Annotation(0.03, 0, "Comment/zzz"),
                new Annotation(0.04, 0, "Comment/aaa"),
                new Annotation(0.06, 0, "Event/7"),
                new Annotation(0.07, 0, "Stimulus/S1234"),
                new Annotation(0.08, 0, "New Segment/"),
                new Annotation(0.09, 0, "SyncStatus/Sync On"));
        Events events = EventMapping.fromAnnotations(data);
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("Comment/aaa", 10001);
        expected.put("Comment/zzz", 10002);
        expected.put("Event/7", 10003); // "Event/7" ends in "t/7": not three digits after "Event/"
        expected.put("New Segment/", 99999);
        expected.put("Optic/O  3", 2003);
        expected.put("Response/R 12", 1012);
        expected.put("Stimulus/S  1", 1);
        expected.put("Stimulus/S1234", 10004); // kind would be "Stimulus/S1"
        expected.put("SyncStatus/Sync On", 99998);
        assertEquals(expected, events.idsByDescription());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(events.idsByDescription().keySet()));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, events.samples());
        assertArrayEquals(new int[] {1012, 2003, 10002, 10001, 1, 10003, 10004, 99999, 99998}, events.ids());
    }

    @Test
    void badAndEdgeAreSkipped() {
        EegData data = recording(RecordingFormat.EDF, 10,
                new Annotation(0.1, 0, "BAD_blink"),
                new Annotation(0.2, 0, "Edge boundary"),
                new Annotation(0.3, 0, "rest"),
                new Annotation(0.4, 0, "bAd"),
                new Annotation(0.5, 0, "move"),
                new Annotation(0.6, 0, "a bad one"));
        Events events = EventMapping.fromAnnotations(data);
        assertEquals(Map.of("a bad one", 1, "move", 2, "rest", 3), events.idsByDescription());
        assertArrayEquals(new int[] {3, 5, 6}, events.samples());
        assertArrayEquals(new int[] {3, 2, 1}, events.ids());
    }

    @Test
    void samplesRoundHalfToEvenAndTiesKeepTheirOrder() {
        EegData data = recording(RecordingFormat.EDF, 2,
                new Annotation(1.25, 0, "b"), // 2.5 -> 2
                new Annotation(1.75, 0, "a"), // 3.5 -> 4
                new Annotation(0.25, 0, "c"), // 0.5 -> 0
                new Annotation(1.25, 1, "a"));
        Events events = EventMapping.fromAnnotations(data);
        assertArrayEquals(new int[] {0, 2, 2, 4}, events.samples());
        assertArrayEquals(new int[] {3, 2, 1, 1}, events.ids());
    }

    @Test
    void noAnnotationsNoEvents() {
        Events events = EventMapping.fromAnnotations(recording(RecordingFormat.BRAINVISION, 100));
        assertEquals(0, events.count());
        assertEquals(Map.of(), events.idsByDescription());
    }

    @Test
    void onlyBadAnnotationsIsAnError() {
        List<Annotation> bad = new ArrayList<>();
        bad.add(new Annotation(0, 1, "BAD_segment"));
        bad.add(new Annotation(0.5, 0, "EDGE boundary"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventMapping.fromAnnotations(
                recording(RecordingFormat.EDF, 10, bad.toArray(new Annotation[0]))));
        assertTrue(e.getMessage().contains("bad or edge"), e.getMessage());
    }
}
