package org.eegworkflow.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A stored file as a download: streamed from disk (never read whole into memory), with its Content-Length, and a
 * single byte range ({@code Range: bytes=a-b}, {@code a-}, {@code -n}) answered with 206, so that a client can
 * resume a broken download of a large recording or read its header alone. Several ranges in one request, or an
 * {@code If-Range}, get the whole file, as RFC 9110 allows; a range starting past the end gets 416.
 */
public final class FileDownloads {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");
    private static final int BUFFER = 256 * 1024;

    private FileDownloads() {
    }

    /** The response for a GET of {@code file}, sent as {@code type} with this Content-Disposition. */
    public static Response of(Path file, String type, String disposition, HttpHeaders request) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        String range = request == null ? null : request.getHeaderString("Range");
        boolean conditional = request != null && request.getHeaderString("If-Range") != null;
        Matcher matcher = range == null || conditional ? null : RANGE.matcher(range.trim());
        if (matcher == null || !matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return send(file, 0, size, type, disposition, Response.ok()).build();
        }
        long from;
        long to;
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                from = Math.max(0, size - suffix);
                to = size;
                if (suffix == 0) {
                    return unsatisfiable(range, size);
                }
            } else {
                from = Long.parseLong(matcher.group(1));
                to = matcher.group(2).isEmpty() ? size : Math.min(size, Long.parseLong(matcher.group(2)) + 1);
                if (to <= from && !matcher.group(2).isEmpty() && from < size) {
                    // an end before the start is no valid range: the whole file, as for any unreadable Range
                    return send(file, 0, size, type, disposition, Response.ok()).build();
                }
            }
        } catch (NumberFormatException e) {
            return send(file, 0, size, type, disposition, Response.ok()).build();
        }
        if (from >= size) {
            return unsatisfiable(range, size);
        }
        return send(file, from, to, type, disposition, Response.status(206))
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + size).build();
    }

    private static Response.ResponseBuilder send(Path file, long from, long to, String type, String disposition,
                                                 Response.ResponseBuilder builder) {
        StreamingOutput body = out -> copy(file, from, to, out);
        return builder.entity(body).type(type).header("Content-Disposition", disposition)
                .header("Accept-Ranges", "bytes").header(HttpHeaders.CONTENT_LENGTH, Long.toString(to - from));
    }

    private static Response unsatisfiable(String range, long size) {
        return Response.status(416).header("Content-Range", "bytes */" + size).type(ErrorResponses.JSON_UTF8)
                .entity(Jsons.PROVIDER.createObjectBuilder().add("error", "Range " + DomainException.quote(range)
                        + " starts after the end of the file, which has " + size + " bytes").build().toString())
                .build();
    }

    private static void copy(Path file, long from, long to, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long position = from;
            while (position < to) {
                buffer.clear().limit((int) Math.min(BUFFER, to - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    // the file was shortened while it was sent: the client sees a short body, not invented bytes
                    break;
                }
                out.write(buffer.array(), 0, n);
                position += n;
            }
        }
    }
}
