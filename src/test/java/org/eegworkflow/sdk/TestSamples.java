package org.eegworkflow.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File-backed samples for tests, mapped in segments small enough that reads and writes straddle them. */
public final class TestSamples {
    private TestSamples() {
    }

    /**
     * A factory writing every matrix, however small, to a file of {@code folder}, mapped in segments of
     * {@code segmentBytes} (a multiple of 8).
     */
    public static Samples.Factory files(Path folder, long segmentBytes) {
        return (rows, columns) -> {
            try {
                Files.createDirectories(folder);
                return MappedSamples.create(Files.createTempFile(folder, "test-", ".f64"), rows, columns,
                        segmentBytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
