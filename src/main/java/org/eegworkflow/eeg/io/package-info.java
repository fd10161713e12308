/** Readers for BrainVision and EDF/EDF+/BDF recordings, and MNE-Python's numbering of their markers as events. */
package org.eegworkflow.eeg.io;
