package org.eegworkflow.eeg.data;

import java.util.Objects;

/**
 * A marker in a recording: onset and duration in seconds from the first sample, and its description as MNE-Python
 * writes it ({@code "Stimulus/S253"} for a BrainVision marker, the annotation text for EDF+).
 */
public record Annotation(double onset, double duration, String description) {
    public Annotation {
        Objects.requireNonNull(description, "description");
    }
}
