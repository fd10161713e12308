package org.eegworkflow.platform.zip;

/**
 * Limits for reading one upload's archives.
 *
 * @param maxEntries          the most entries in one archive
 * @param maxUnpackedBytes    the most bytes that may inflate in all, over the upload and every archive inside it
 * @param maxCompressionRatio the largest ratio of an entry's unpacked to packed bytes (entries under 64 KiB unpacked
 *                            are exempt, since tiny files compress oddly well)
 */
public record ZipLimits(int maxEntries, long maxUnpackedBytes, int maxCompressionRatio) {
    public ZipLimits {
        if (maxEntries <= 0 || maxUnpackedBytes <= 0 || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("zip limits must all be positive: " + maxEntries + " entries, "
                    + maxUnpackedBytes + " unpacked bytes, ratio " + maxCompressionRatio);
        }
    }
}
