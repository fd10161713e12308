/** Classifiers for feature vectors: a small dense network and Tribuo's linear models, evaluated on held-out data. */
package org.eegworkflow.eeg.classify;
