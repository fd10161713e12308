package org.eegworkflow.job.control.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * SHA-256 of files and folders, for the result cache's keys: a file by its content, remembered by its path, size and
 * modification time, so an unchanged recording is read once, not at every job; a folder over its files' sorted
 * relative paths and their hashes.
 */
final class ContentHashes {
    private final Map<Path, Stamp> known = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    private record Stamp(long size, long modified, String hash) {
    }

    /** The hash of a file's content, or of a folder's files and names. */
    String of(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            MessageDigest digest = sha256();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            // the files' hashes side by side (a dataset is many large recordings; each is read once), then in order
            String[] hashes = new String[files.size()];
            try {
                java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
                    try {
                        hashes[i] = ofFile(files.get(i));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            for (int i = 0; i < files.size(); i++) {
                digest.update(path.relativize(files.get(i)).toString().replace('\\', '/')
                        .getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(hashes[i].getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        return ofFile(path);
    }

    private String ofFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        long size = Files.size(absolute);
        long modified = Files.getLastModifiedTime(absolute).toMillis();
        Stamp stamp = known.get(absolute);
        if (stamp != null && stamp.size() == size && stamp.modified() == modified) {
            return stamp.hash();
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(absolute)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        reads.incrementAndGet();
        String hash = HexFormat.of().formatHex(digest.digest());
        known.put(absolute, new Stamp(size, modified, hash));
        return hash;
    }

    /** How many files were read to hash them (a test sees that an unchanged file is not read again). */
    long reads() {
        return reads.get();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
