package org.eegworkflow.eeg;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real recordings and MNE reference results, copied with their licence note (README.md there) from the project's
 * shared data into {@code src/test/resources/eeg}, so a fresh clone tests with them; {@code -Deegwf.test.data=DIR}
 * points elsewhere.
 */
public final class EegTestData {
    private EegTestData() {
    }

    public static Path dir() {
        String configured = System.getProperty("eegwf.test.data");
        if (configured != null) {
            return Path.of(configured);
        }
        Path copy = Path.of("src", "test", "resources", "eeg").toAbsolutePath();
        return Files.isDirectory(copy) ? copy : Path.of("..", "shared", "data", "eeg").toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
