/**
 * Readers for EEG recordings, as MNE-Python 1.3 reads them: {@link org.eegworkflow.eeg.io.BrainVisionReader}
 * (BrainVision .vhdr/.vmrk/data), {@link org.eegworkflow.eeg.io.EdfReader} (EDF, EDF+, BDF),
 * {@link org.eegworkflow.eeg.io.EeglabReader} (EEGLAB .set/.fdt, MAT v5/v7/v7.3), and
 * {@link org.eegworkflow.eeg.io.EventMapping}, MNE's {@code events_from_annotations}. A file that cannot be read gives
 * an {@link org.eegworkflow.eeg.io.EegFormatException} naming the file and the problem.
 */
package org.eegworkflow.eeg.io;
