package org.eegworkflow.sdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file for the block to offer for download (output type FILE). Write it into
 * {@link BlockContext#workingDirectory()} and return it:
 *
 * <pre>{@code
 * Path model = context.workingDirectory().resolve("model.bin");
 * Files.write(model, bytes);
 * return FileOutput.of(model);
 * }</pre>
 */
public final class FileOutput {
    private final Path file;

    private FileOutput(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        Names.check(file.getFileName().toString());
    }

    public static FileOutput of(Path file) {
        return new FileOutput(file);
    }

    public Path file() {
        return file;
    }
}
