/**
 * The blocks of the EEG module {@code EEG_Basil.zip:EEG_Basil} that researchers place in workflows. Each is a thin
 * shell over the {@code io}, {@code dsp}, {@code classify} and {@code plot} packages, written only against the block
 * SDK.
 */
package org.eegworkflow.eeg.blocks;
