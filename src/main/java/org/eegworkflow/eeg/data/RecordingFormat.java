package org.eegworkflow.eeg.data;

/** The file format a recording came from; it decides how marker descriptions become event ids. */
public enum RecordingFormat {
    /** BrainVision: {@code Stimulus/S n} is n, {@code Response/R n} is n + 1000, and so on (see {@code Events}). */
    BRAINVISION,
    /** EDF, EDF+ and BDF: the distinct descriptions numbered 1..n in alphabetical order. */
    EDF,
    /** EEGLAB .set: as EDF, the distinct event types numbered 1..n in alphabetical order. */
    EEGLAB,
    /**
     * A recording of a BIDS dataset whose events came from its {@code _events.tsv}: the {@code trial_type} names
     * numbered 1..n in alphabetical order, as MNE numbers the annotations of any recording but a BrainVision one.
     */
    BIDS
}
