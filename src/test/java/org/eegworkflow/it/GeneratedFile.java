package org.eegworkflow.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A file of any size that exists only as it is read: byte {@code i} is a function of {@code i} (a SplitMix64 of its
 * 8-byte word's index), so a test can upload gigabytes without holding them or writing them to disk, and check any
 * range of a download against what it sent.
 */
final class GeneratedFile {
    private final long size;
    private final long seed;

    GeneratedFile(long size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    long size() {
        return size;
    }

    /** The bytes from {@code offset} on, to the end. */
    InputStream open(long offset) {
        return new Content(offset);
    }

    /** The bytes {@code [from, to)}, as a small array, for checking a range. */
    byte[] bytes(long from, long to) {
        try (InputStream in = open(from)) {
            return in.readNBytes(Math.toIntExact(to - from));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of the whole file, in hex, computed by reading it (about 3 s a gigabyte). */
    String sha256() {
        try (InputStream in = open(0)) {
            return sha256(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of a stream read to its end, in hex. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A multipart/form-data body as a browser sends it: the text fields, then small files (name to content), each a
     * part {@code file}, then this file as the last part {@code file}.
     */
    Multipart multipart(String fileName, java.util.Map<String, String> fields, java.util.Map<String, String> small) {
        return new Multipart(fileName, fields, small);
    }

    /** A body and its exact length, streamed from the generator when sent. */
    final class Multipart {
        final String boundary = "----eegwf-large-" + UUID.randomUUID();
        private final byte[] head;
        private final byte[] tail;

        private Multipart(String fileName, java.util.Map<String, String> fields,
                          java.util.Map<String, String> small) {
            StringBuilder text = new StringBuilder();
            fields.forEach((name, value) -> text.append("--").append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                    .append(value).append("\r\n"));
            small.forEach((name, content) -> text.append("--").append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(name)
                    .append("\"\r\nContent-Type: text/plain\r\n\r\n").append(content).append("\r\n"));
            text.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                    .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            head = text.toString().getBytes(StandardCharsets.UTF_8);
            tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        long length() {
            return head.length + size + tail.length;
        }

        /** With a Content-Length, as browsers send a form with a file. */
        HttpRequest.BodyPublisher publisher() {
            return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                    () -> new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                            new java.io.ByteArrayInputStream(head), open(0), new java.io.ByteArrayInputStream(tail))))),
                    length());
        }
    }

    private final class Content extends InputStream {
        private long position;

        private Content(long position) {
            this.position = position;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return byteAt(position++) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            int i = 0;
            // byte by byte to the next word boundary, then whole words, then the rest
            while (i < n && (position + i) % 8 != 0) {
                b[off + i] = byteAt(position + i);
                i++;
            }
            for (; i + 8 <= n; i += 8) {
                long word = word((position + i) >>> 3);
                for (int k = 0; k < 8; k++) {
                    b[off + i + k] = (byte) (word >>> (8 * k));
                }
            }
            for (; i < n; i++) {
                b[off + i] = byteAt(position + i);
            }
            position += n;
            return n;
        }

        private byte byteAt(long at) {
            return (byte) (word(at >>> 3) >>> (8 * (at & 7)));
        }

        private long word(long index) {
            long z = index * 0x9E3779B97F4A7C15L + seed;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
