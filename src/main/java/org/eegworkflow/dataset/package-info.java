/**
 * Datasets: a folder of a user's data files described as recordings (BIDS or a plain folder) by the dataset readers
 * of the modules packaged in the WAR; the engine holds no EEG code of its own.
 */
package org.eegworkflow.dataset;
