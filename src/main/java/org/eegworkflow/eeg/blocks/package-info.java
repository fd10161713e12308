/**
 * The EEG module's blocks, {@code EEG_Basil.zip:EEG_Basil}, with the old system's block and property names. Each is a
 * thin class over {@code io}, {@code dsp}, {@code classify} and {@code plot}, written only against the block SDK, as
 * an outside author would write it.
 */
package org.eegworkflow.eeg.blocks;
