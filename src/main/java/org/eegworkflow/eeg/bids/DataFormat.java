package org.eegworkflow.eeg.bids;

import java.util.Locale;
import java.util.Optional;

/** The recording formats EEG-BIDS allows, by the extension of the file that names the recording. */
public enum DataFormat {
    BRAINVISION("BrainVision", ".vhdr"),
    EDF("EDF", ".edf"),
    BDF("BDF", ".bdf"),
    EEGLAB("EEGLAB", ".set");

    private final String label;
    private final String extension;

    DataFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    /** As the dataset description shows it: {@code "BrainVision"}, {@code "EDF"}, ... */
    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    /** The format of a file by its name's extension (any case). */
    public static Optional<DataFormat> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (DataFormat format : values()) {
            if (lower.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
