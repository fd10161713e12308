package org.eegworkflow.eeg.data;

import java.util.List;
import java.util.Objects;

/**
 * Labelled feature vectors, one per epoch (connector type {@code FeatureVector}).
 *
 * @param features   vectors x features
 * @param eventIds   the event id each vector came from
 * @param labels     the class of each vector, an index into {@code classNames}
 * @param classNames the name of each class, for example {@code "769"} or {@code "T1"} or {@code "2,4"}
 * @param groups     the subject (or other group) each vector came from, when vectors of a study were gathered
 *                   ({@code GroupFeatures}): the classifiers then evaluate leaving one subject out; empty otherwise
 */
public record FeatureVectors(double[][] features, int[] eventIds, int[] labels, List<String> classNames,
                             List<String> groups) {

    /** Vectors of one recording: no groups. */
    public FeatureVectors(double[][] features, int[] eventIds, int[] labels, List<String> classNames) {
        this(features, eventIds, labels, classNames, List.of());
    }

    public FeatureVectors {
        groups = List.copyOf(groups);
        if (!groups.isEmpty() && groups.size() != features.length) {
            throw new IllegalArgumentException("one group per feature vector, or none");
        }
        Objects.requireNonNull(features, "features");
        classNames = List.copyOf(classNames);
        if (eventIds.length != features.length || labels.length != features.length) {
            throw new IllegalArgumentException("one event id and one label per feature vector");
        }
        int width = features.length == 0 ? 0 : features[0].length;
        for (double[] row : features) {
            if (row.length != width) {
                throw new IllegalArgumentException("every feature vector must have " + width + " features");
            }
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException("label " + label + " is not one of the " + classNames.size()
                        + " classes");
            }
        }
    }

    public int count() {
        return features.length;
    }

    /** Whether the vectors say which subject each came from. */
    public boolean hasGroups() {
        return !groups.isEmpty();
    }

    public int width() {
        return features.length == 0 ? 0 : features[0].length;
    }
}
