package org.eegworkflow.eeg;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real recordings and MNE reference results in ../shared/data/eeg (see its README). */
public final class EegTestData {
    private EegTestData() {
    }

    public static Path dir() {
        String configured = System.getProperty("eegwf.test.data");
        if (configured != null) {
            return Path.of(configured);
        }
        Path relative = Path.of("..", "shared", "data", "eeg").toAbsolutePath().normalize();
        return Files.isDirectory(relative) ? relative : Path.of("/work/shared/data/eeg");
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
