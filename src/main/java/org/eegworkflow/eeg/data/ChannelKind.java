package org.eegworkflow.eeg.data;

/**
 * What a channel measures. Only {@link #EEG} channels are filtered, baseline-corrected, averaged and turned into
 * features, as MNE-Python does with its default picks; {@link #MISC} channels (other units, such as skin conductance or
 * temperature) are carried along unchanged.
 */
public enum ChannelKind {
    EEG, MISC
}
