package org.eegworkflow.eeg.data;

/** The file format a recording came from; it decides how marker descriptions become event ids. */
public enum RecordingFormat {
    /** BrainVision: {@code Stimulus/S n} is n, {@code Response/R n} is n + 1000, and so on (see {@code Events}). */
    BRAINVISION,
    /** EDF, EDF+ and BDF: the distinct descriptions numbered 1..n in alphabetical order. */
    EDF,
    /** EEGLAB .set: as EDF, the distinct event types numbered 1..n in alphabetical order. */
    EEGLAB
}
