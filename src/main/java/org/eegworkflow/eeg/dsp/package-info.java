/** Signal processing as MNE-Python 1.3 does it: FIR design and zero-phase filtering, epochs, averages, wavelets. */
package org.eegworkflow.eeg.dsp;
