/** Group statistics across subjects as scipy and MNE compute them: t-tests, Student's t distribution, FDR. */
package org.eegworkflow.eeg.stats;
