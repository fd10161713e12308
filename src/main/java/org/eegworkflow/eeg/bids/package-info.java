/**
 * EEG-BIDS datasets read from a folder: {@link org.eegworkflow.eeg.bids.BidsLayout} finds the recordings
 * ({@code sub-<label>/[ses-<label>/]eeg/*_eeg.<ext>}), their entities and their sidecars by the inheritance principle,
 * reading headers only, into a {@link org.eegworkflow.eeg.bids.BidsDataset}; a folder without {@code sub-*} folders
 * is read as a plain folder of recordings. {@link org.eegworkflow.eeg.bids.BidsDatasetReader} offers it to the server
 * through the SDK's {@code DatasetReader}.
 */
package org.eegworkflow.eeg.bids;
