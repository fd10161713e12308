package org.eegworkflow.eeg.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Events as MNE-Python's {@code events_from_annotations} gives them: for each event its 0-based sample and its
 * integer id, plus the id of each marker description, in the order of the ids.
 */
public record Events(int[] samples, int[] ids, Map<String, Integer> idsByDescription) {
    public Events {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(ids, "ids");
        if (samples.length != ids.length) {
            throw new IllegalArgumentException(samples.length + " samples but " + ids.length + " ids");
        }
        idsByDescription = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(idsByDescription));
    }

    public int count() {
        return samples.length;
    }
}
