package org.eegworkflow.platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartReaderTest {
    private static final String BOUNDARY = "----eegwfBoundary7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @Test
    void readsFieldsAndFilesInOrder() throws IOException {
        String body = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"folder\"\r\n\r\n"
                + "Aufnahmen/Tag 1\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"Müller.vhdr\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "Brain Vision Data Exchange Header File Version 1.0\r\n"
                + "--" + BOUNDARY + "--\r\n";
        MultipartReader reader = MultipartReader.of(TYPE, stream(body));
        MultipartReader.Part folder = reader.next();
        assertEquals("folder", folder.name());
        assertTrue(folder.fileName().isEmpty());
        assertEquals("Aufnahmen/Tag 1", folder.text(100));
        MultipartReader.Part file = reader.next();
        assertEquals("file", file.name());
        assertEquals("Müller.vhdr", file.fileName().orElseThrow());
        assertEquals("application/octet-stream", file.header("Content-Type"));
        assertEquals("Brain Vision Data Exchange Header File Version 1.0",
                new String(file.content().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(reader.next());
        assertNull(reader.next(), "still the end");
    }

    /**
     * Random parts whose contents are full of near-boundaries (line breaks, dashes, the boundary's own prefixes),
     * delivered in random small pieces and read in random small pieces: every part comes back byte for byte.
     */
    @Test
    void contentsSurviveAnySplitOfTheBodyAndOfTheReads() throws IOException {
        Random random = new Random(14);
        byte[] delimiter = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 200; round++) {
            List<byte[]> contents = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("a preamble that is ignored\r\n".getBytes(StandardCharsets.US_ASCII));
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                int size = random.nextInt(4) == 0 ? random.nextInt(300_000) : random.nextInt(200);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                while (content.size() < size) {
                    switch (random.nextInt(5)) {
                        case 0 -> content.write(delimiter, 0, 1 + random.nextInt(delimiter.length - 1));
                        case 1 -> content.writeBytes("\r\n-".getBytes(StandardCharsets.US_ASCII));
                        case 2 -> content.write('\r');
                        default -> {
                            byte[] noise = new byte[random.nextInt(2000)];
                            random.nextBytes(noise);
                            content.writeBytes(noise);
                        }
                    }
                }
                contents.add(content.toByteArray());
                body.writeBytes(("--" + BOUNDARY + (random.nextBoolean() ? " \t" : "") + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"f" + p + ".bin\"\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(content.toByteArray());
                body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.writeBytes(("--" + BOUNDARY + "--\r\nan epilogue").getBytes(StandardCharsets.US_ASCII));

            MultipartReader reader = MultipartReader.of(TYPE, new Trickle(body.toByteArray(), random),
                    random.nextBoolean() ? MultipartReader.BUFFER : 1);
            for (int p = 0; p < parts; p++) {
                MultipartReader.Part part = reader.next();
                assertEquals("f" + p + ".bin", part.fileName().orElseThrow(), "round " + round);
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                byte[] chunk = new byte[1 + random.nextInt(70_000)];
                for (int n; (n = part.content().read(chunk, 0, 1 + random.nextInt(chunk.length))) >= 0; ) {
                    read.write(chunk, 0, n);
                }
                assertArrayEquals(contents.get(p), read.toByteArray(), "round " + round + ", part " + p);
            }
            assertNull(reader.next(), "round " + round);
        }
    }

    @Test
    void aPartNotReadIsSkipped() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"skipped\"\r\n\r\n"
                + "x".repeat(600_000) + "\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kept\"\r\n\r\nyes\r\n--"
                + BOUNDARY + "--";
        MultipartReader reader = MultipartReader.of(TYPE, stream(body));
        assertEquals("skipped", reader.next().name());
        assertEquals("", reader.next().text(10));
        assertEquals("yes", reader.next().text(10));
        assertNull(reader.next());
    }

    @Test
    void aBodyCutShortIsRefusedNamingThePart() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.eeg\"\r\n\r\n"
                + "some bytes but no closing boundary";
        MultipartReader reader = MultipartReader.of(TYPE, stream(body));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> reader.next().content().readAllBytes());
        assertTrue(refused.getMessage().contains("'a.eeg'") && refused.getMessage().contains("cut short"),
                refused.getMessage());

        for (String cut : List.of("", "--" + BOUNDARY, "--" + BOUNDARY + "\r\nContent-Disposition: form-da",
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--" + BOUNDARY)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
                MultipartReader r = MultipartReader.of(TYPE, stream(cut));
                for (MultipartReader.Part part = r.next(); part != null; part = r.next()) {
                    part.content().readAllBytes();
                }
            }, cut);
        }
    }

    @Test
    void aConnectionThatBreaksIsTheClientsError() {
        byte[] start = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.eeg\"\r\n\r\n"
                + "some bytes").getBytes(StandardCharsets.UTF_8);
        InputStream broken = new java.io.SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset by peer");
            }
        });
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MultipartReader.of(TYPE, broken).next().content()
                .readAllBytes());
        assertTrue(e.getMessage().contains("broke off") && e.getMessage().contains("Connection reset"),
                e.getMessage());
    }

    @Test
    void badContentTypesAndHeadersAreClientErrors() {
        for (String type : List.of("application/octet-stream", "multipart/form-data",
                "multipart/form-data; boundary=", "multipart/form-data; boundary=" + "b".repeat(71))) {
            assertThrows(InvalidInputException.class, () -> MultipartReader.of(type, stream("")), type);
        }
        assertThrows(DomainException.class, () -> MultipartReader.of(null, stream("")));

        String longHeader = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + "n".repeat(20_000)
                + "\"\r\n\r\nv\r\n--" + BOUNDARY + "--";
        DomainException tooLong = assertThrows(DomainException.class, () -> MultipartReader.of(TYPE,
                stream(longHeader)).next());
        assertTrue(tooLong.getMessage().contains("headers longer than"), tooLong.getMessage());

        String noColon = "--" + BOUNDARY + "\r\nthis is no header\r\n\r\nv\r\n--" + BOUNDARY + "--";
        assertThrows(InvalidInputException.class, () -> MultipartReader.of(TYPE, stream(noColon)).next());

        String field = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\n"
                + "f".repeat(2000) + "\r\n--" + BOUNDARY + "--";
        DomainException longField = assertThrows(DomainException.class, () -> MultipartReader.of(TYPE, stream(field))
                .next().text(1024));
        assertTrue(longField.getMessage().contains("'folder' is longer than 1024 bytes"), longField.getMessage());
    }

    @Test
    void fileNamesAsBrowsersAndLibrariesSendThem() throws IOException {
        assertEquals("a \"quoted\" name.txt", fileName("filename=\"a \\\"quoted\\\" name.txt\""));
        assertEquals("semi;colon.txt", fileName("filename=\"semi;colon.txt\""));
        assertEquals("plain.txt", fileName("filename=plain.txt"));
        assertEquals("C:\\Users\\ada\\rec.eeg", fileName("filename=\"C:\\Users\\ada\\rec.eeg\""));
        // RFC 8187 (curl, some libraries): preferred over the plain one
        assertEquals("Ärger €.eeg", fileName("filename=\"fallback.eeg\"; filename*=UTF-8''%C3%84rger%20%E2%82%AC.eeg"));
        assertEquals("fallback.eeg", fileName("filename=\"fallback.eeg\"; filename*=nonsense"));
        assertEquals("Ümlaut.vhdr", fileName("filename=\"Ümlaut.vhdr\""));
    }

    @Test
    void aPartsCharsetIsHonouredAndUtf8IsTheDefault() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\n";
        byte[] latin = "Gr\u00fc\u00dfe".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(body.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(latin);
        bytes.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes("Grüße".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(("\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII));
        MultipartReader reader = MultipartReader.of(TYPE, new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals("Grüße", reader.next().text(100));
        assertEquals("Grüße", reader.next().text(100));
    }

    @Test
    void quotedBoundariesAndOtherParametersInTheContentType() throws IOException {
        String body = "--a:b=c\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a:b=c--\r\n";
        MultipartReader reader = MultipartReader.of("Multipart/Form-Data; charset=UTF-8; boundary=\"a:b=c\"",
                stream(body));
        assertEquals("1", reader.next().text(10));
        assertNull(reader.next());
    }

    private static String fileName(String parameters) throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; " + parameters
                + "\r\n\r\nx\r\n--" + BOUNDARY + "--";
        return MultipartReader.of(TYPE, stream(body)).next().fileName().orElse(null);
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A body that arrives a few bytes at a time, as over a slow network. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int position;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, bytes.length - position),
                    random.nextInt(8) == 0 ? 1 + random.nextInt(100_000) : 1 + random.nextInt(9));
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
