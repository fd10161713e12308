/**
 * Classifiers for EEG feature vectors, in plain Java: a dense neural network trained as the old Keras blocks did
 * ({@link org.eegworkflow.eeg.classify.DenseNetwork}), Tribuo's logistic regression and linear SVM
 * ({@link org.eegworkflow.eeg.classify.TribuoLinear}), honest evaluation on vectors a model never trained on
 * ({@link org.eegworkflow.eeg.classify.Evaluation}), and a documented binary format for saved models
 * ({@link org.eegworkflow.eeg.classify.ModelFormat}). Nothing here depends on the block SDK.
 */
package org.eegworkflow.eeg.classify;
