package org.eegworkflow.platform.zip;

import java.util.function.BiFunction;

/**
 * How a feature words the refusals of {@link ZipWalk} and {@link ZipEntryNames} for its users, and which exception
 * carries them.
 *
 * @param archiveKind   what the upload should be, as in "is not {@code a zip or jar archive}"
 * @param notAnArchive  what to upload instead, after "is not ...: "
 * @param trim          what to do about a limit, after "the limit: "
 * @param unpackedScope said after the total limit, for example {@code " (counting the jars inside)"}, or {@code ""}
 * @param folder        the folder entries are unpacked into, as in "could be written outside {@code the module's
 *                      folder}"
 * @param refusal       makes the exception from a message and its cause (which may be null)
 */
public record ZipWording(String archiveKind, String notAnArchive, String trim, String unpackedScope, String folder,
                         BiFunction<String, Throwable, RuntimeException> refusal) {

    RuntimeException refuse(String message) {
        return refusal.apply(message, null);
    }

    RuntimeException refuse(String message, Throwable cause) {
        return refusal.apply(message, cause);
    }
}
