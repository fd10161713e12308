/**
 * The built-in EEG module {@code EEG_Basil.zip:EEG_Basil}: readers for BrainVision and EDF/EDF+/BDF recordings
 * ({@code io}), MNE-faithful signal processing ({@code dsp}), classifiers ({@code classify}), charts ({@code plot}),
 * and the blocks researchers place in workflows ({@code blocks}), written only against the block SDK.
 */
package org.eegworkflow.eeg;
