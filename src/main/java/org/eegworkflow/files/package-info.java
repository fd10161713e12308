/**
 * Each user's data files (EEG recordings and the like): a private folder that FILE properties of blocks point into,
 * listed, uploaded, downloaded and deleted over REST. No path can ever leave the user's folder.
 */
package org.eegworkflow.files;
