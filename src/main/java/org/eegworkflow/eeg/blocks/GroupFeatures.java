package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;

/**
 * Gathers a study's feature vectors (one set per recording, from a FeatureLabeling run once per recording) into one
 * set that remembers each vector's subject: a classifier fed by it evaluates leaving one subject out, so its accuracy
 * is that of a subject it never saw.
 */
@BlockType(name = "GroupFeatures", family = "Group", memoryMb = 256,
        description = "Gathers a study's feature vectors with their subject; the classifiers then evaluate leaving"
                + " one subject out.")
public class GroupFeatures {

    @BlockInput(name = "FeatureVector", type = FeatureVectorCodec.TYPE + "[]",
            description = "The feature vectors of each recording of a study (a collection).")
    Elements<FeatureVectors> vectors;

    @BlockOutput(name = "FeatureVector", type = FeatureVectorCodec.TYPE,
            description = "All the vectors, each with its subject (its recording's key where it has no subject).")
    FeatureVectors output;

    @BlockExecute
    public String execute() {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("input 'FeatureVector' is an empty collection: nothing to gather");
        }
        int width = -1;
        Map<String, Integer> classes = new LinkedHashMap<>();
        List<double[]> rows = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String first = null;
        for (Elements.Element<FeatureVectors> element : vectors) {
            FeatureVectors set = element.value();
            if (set.count() == 0) {
                continue;
            }
            if (width < 0) {
                width = set.width();
                first = element.key();
            } else if (set.width() != width) {
                throw new IllegalArgumentException(element.key() + " has vectors of " + set.width() + " features, "
                        + first + " of " + width + ": every recording must give the same features");
            }
            String group = element.entities().getOrDefault("subject", element.key());
            for (int i = 0; i < set.count(); i++) {
                String name = set.classNames().get(set.labels()[i]);
                labels.add(classes.computeIfAbsent(name, n -> classes.size()));
                rows.add(set.features()[i]);
                ids.add(set.eventIds()[i]);
                groups.add(group);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no recording of the collection has feature vectors");
        }
        output = new FeatureVectors(rows.toArray(double[][]::new), ids.stream().mapToInt(Integer::intValue).toArray(),
                labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(classes.keySet()), groups);
        long subjects = groups.stream().distinct().count();
        return output.count() + " vectors of " + width + " features from " + subjects + " subject"
                + (subjects == 1 ? "" : "s") + ", classes " + String.join(", ", classes.keySet());
    }
}
