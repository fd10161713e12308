/**
 * Signal processing as MNE-Python 1.3 and PyWavelets do it, to within rounding: FIR filter design
 * ({@link org.eegworkflow.eeg.dsp.FirDesign}) and zero-phase filtering ({@link org.eegworkflow.eeg.dsp.FirFilter}),
 * epoching with baseline correction ({@link org.eegworkflow.eeg.dsp.Epoching}), averaging
 * ({@link org.eegworkflow.eeg.dsp.Averaging}) and Haar wavelet features ({@link org.eegworkflow.eeg.dsp.HaarWavelet}).
 * Bad input (cut-offs, epoch windows, baseline intervals, event ids) is refused with an
 * {@link java.lang.IllegalArgumentException} naming the block property to change.
 */
package org.eegworkflow.eeg.dsp;
