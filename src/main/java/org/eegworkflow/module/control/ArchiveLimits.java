package org.eegworkflow.module.control;

import org.eegworkflow.platform.zip.ZipLimits;

/**
 * Limits for uploaded archives.
 *
 * @param maxArchiveBytes     the largest archive file accepted
 * @param maxEntries          the most entries in one archive: the upload itself, and each jar inside it
 * @param maxUnpackedBytes    the most bytes the checks may inflate in all, counting the upload's entries and the
 *                            entries of every jar inside it
 * @param maxCompressionRatio the largest ratio of an entry's unpacked to packed bytes (entries under 64 KiB unpacked
 *                            are exempt, since tiny files compress oddly well)
 */
public record ArchiveLimits(long maxArchiveBytes, int maxEntries, long maxUnpackedBytes, int maxCompressionRatio) {
    private static final long MIB = 1024L * 1024;

    public ArchiveLimits {
        if (maxArchiveBytes <= 0 || maxEntries <= 0 || maxUnpackedBytes <= 0 || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("archive limits must all be positive: " + maxArchiveBytes + " bytes, "
                    + maxEntries + " entries, " + maxUnpackedBytes + " unpacked bytes, ratio " + maxCompressionRatio);
        }
    }

    /** The limits the shared zip walk enforces. */
    ZipLimits zip() {
        return new ZipLimits(maxEntries, maxUnpackedBytes, maxCompressionRatio);
    }

    /** 100 MiB archive, 10,000 entries, 500 MiB unpacked, compression ratio 100. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(100 * MIB, 10_000, 500 * MIB, 100);
    }
}
