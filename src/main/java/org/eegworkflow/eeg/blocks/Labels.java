package org.eegworkflow.eeg.blocks;

import org.eegworkflow.eeg.data.FeatureVectors;

/** Text about the classes of feature vectors. */
final class Labels {
    private Labels() {
    }

    /** For example {@code T1 (15), T2 (15)}. */
    static String summary(FeatureVectors vectors) {
        int[] counts = new int[vectors.classNames().size()];
        for (int label : vectors.labels()) {
            counts[label]++;
        }
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < counts.length; c++) {
            text.append(c == 0 ? "" : ", ").append(vectors.classNames().get(c)).append(" (").append(counts[c])
                    .append(')');
        }
        return text.toString();
    }
}
