/** Charts of recordings and epochs, drawn with XChart into PNG images. */
package org.eegworkflow.eeg.plot;
