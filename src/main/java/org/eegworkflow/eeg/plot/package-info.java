/**
 * Charts of EEG recordings and epochs, drawn with Java2D into {@link java.awt.image.BufferedImage}s (headless, no
 * display needed): the stacked trace view of a recording ({@link org.eegworkflow.eeg.plot.EegCharts#traces}) and the
 * butterfly plot of an evoked response ({@link org.eegworkflow.eeg.plot.EegCharts#butterfly}). Entry point:
 * {@link org.eegworkflow.eeg.plot.EegCharts}.
 */
package org.eegworkflow.eeg.plot;
