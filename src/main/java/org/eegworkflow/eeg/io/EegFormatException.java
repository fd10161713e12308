package org.eegworkflow.eeg.io;

import java.nio.file.Path;

/**
 * A recording that cannot be read: a header that is not what its format requires, a data file that is missing or
 * shorter than its header says, numbers that make no sense. The message names the file and what is wrong and, where
 * there is one, what to do about it.
 */
public final class EegFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the file, what is wrong with it and, where possible, the fix */
    public EegFormatException(String message) {
        super(message);
    }

    /** @param message names the file, what is wrong with it and, where possible, the fix */
    public EegFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The problem prefixed with the file's name (not its folder, which means nothing to the researcher). */
    static EegFormatException in(Path file, String problem) {
        return new EegFormatException(ReaderSupport.name(file) + ": " + problem);
    }

    static EegFormatException in(Path file, String problem, Throwable cause) {
        return new EegFormatException(ReaderSupport.name(file) + ": " + problem, cause);
    }
}
