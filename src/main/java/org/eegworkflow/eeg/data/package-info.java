/**
 * The values EEG blocks pass to each other: continuous recordings, epochs, feature vectors. Samples are primitive
 * {@code double} arrays in volts, as in MNE-Python, so nothing is boxed and nothing is lost between blocks.
 */
package org.eegworkflow.eeg.data;
