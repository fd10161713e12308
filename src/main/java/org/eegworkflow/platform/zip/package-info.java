/**
 * Zip archives read safely, for every feature that takes them (module archives, datasets): entries walked as their
 * bytes inflate under {@link org.eegworkflow.platform.zip.ZipLimits} (entry count, total, compression ratio against
 * bombs), names refused that could leave the folder they are unpacked into (zip slip), the local entries checked
 * against the central directory. Each caller words the refusals for its own users ({@link
 * org.eegworkflow.platform.zip.ZipWording}).
 */
package org.eegworkflow.platform.zip;
