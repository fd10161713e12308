package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Groups event ids into classes: each entry of Labels is one class, made of the event ids (or marker names) it lists.
 * Vectors whose event is in no group are left out.
 */
@BlockType(name = "FeatureLabeling", family = "FeatureExtraction", memoryMb = 128,
        description = "Each entry of Labels is one class of event ids, e.g. [\"2,4\", \"3\"]: 2 and 4 become class 0,"
                + " 3 class 1. Events in no entry are left out.")
public class FeatureLabeling {

    @BlockInput(name = "FeatureVector", type = EegTypes.FEATURE_VECTOR)
    FeatureVectors vectors;

    /**
     * Required. One entry per class; an entry lists event ids or class names joined by {@code +} or, in the JSON array
     * form, by commas: {@code ["2,4", "3"]}, or as text {@code 2+4, 3}. Plain {@code 2, 3} makes two classes.
     */
    @BlockProperty(name = "Labels", type = Types.STRING_ARRAY,
            description = "One entry per class, e.g. [\"2,4\", \"3\"] or 2+4, 3; events in no entry are left out.")
    List<String> labels = List.of();

    @BlockOutput(name = "FeatureVector", type = EegTypes.FEATURE_VECTOR)
    FeatureVectors output;

    @BlockExecute
    public String execute(BlockContext context) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("property 'Labels' is empty: give one entry per class, for example"
                    + " [\"2\", \"3\"] to tell event 2 from event 3");
        }
        Map<String, Integer> idsByName = new HashMap<>();
        for (int i = 0; i < vectors.count(); i++) {
            idsByName.putIfAbsent(vectors.classNames().get(vectors.labels()[i]), vectors.eventIds()[i]);
        }
        Map<Integer, Integer> classOfEvent = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (String entry : labels) {
            int classIndex = names.size();
            names.add(entry.trim());
            for (String part : entry.split("[,+]")) {
                String token = part.trim();
                if (token.isEmpty()) {
                    continue;
                }
                Integer id = idsByName.get(token);
                if (id == null) {
                    try {
                        id = Integer.parseInt(token);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("property 'Labels': '" + token + "' is neither an event id"
                                + " nor a class of the input (" + String.join(", ", vectors.classNames()) + ")");
                    }
                }
                Integer earlier = classOfEvent.put(id, classIndex);
                if (earlier != null && earlier != classIndex) {
                    throw new IllegalArgumentException("property 'Labels': event " + id + " is in two classes, '"
                            + names.get(earlier) + "' and '" + entry.trim() + "'");
                }
            }
        }
        int kept = 0;
        for (int eventId : vectors.eventIds()) {
            if (classOfEvent.containsKey(eventId)) {
                kept++;
            }
        }
        double[][] features = new double[kept][];
        int[] eventIds = new int[kept];
        int[] classes = new int[kept];
        int k = 0;
        for (int i = 0; i < vectors.count(); i++) {
            Integer c = classOfEvent.get(vectors.eventIds()[i]);
            if (c != null) {
                features[k] = vectors.features()[i];
                eventIds[k] = vectors.eventIds()[i];
                classes[k++] = c;
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("property 'Labels': none of the " + vectors.count()
                    + " feature vectors has one of these events; the input's classes are "
                    + String.join(", ", vectors.classNames()));
        }
        output = new FeatureVectors(features, eventIds, classes, names);
        int[] counts = new int[names.size()];
        for (int c : classes) {
            counts[c]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                context.log("class '" + names.get(c) + "' has no feature vectors");
            }
        }
        return names.size() + " classes: " + Labels.summary(output) + "; " + (vectors.count() - kept) + " left out";
    }
}
