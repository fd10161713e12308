package org.eegworkflow.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, so that a file of any size goes
 * from the request to its destination through one small buffer. The REST runtimes' own readers cannot: RESTEasy
 * (mime4j) and Jersey (MIMEPull) both parse the whole body into temporary files before the resource method runs,
 * which doubles the disk traffic, applies an upload limit only after the whole body is on disk, and on RESTEasy
 * leaves the temporary file behind until a garbage collection.
 *
 * <p>Memory is bounded: one buffer of {@value #BUFFER} bytes and the headers of one part (at most
 * {@value #MAX_HEADER_BYTES} bytes). Headers are UTF-8, as browsers send file names; a part without a charset is
 * UTF-8 text (RFC 7578, section 5.1.2). Content-Transfer-Encoding is ignored, as RFC 7578 deprecates it. A body
 * that ends before its closing boundary is refused, so that a broken connection never passes for a whole file.
 */
public final class MultipartReader {
    static final int BUFFER = 256 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BOUNDARY = 70;

    private final InputStream in;
    /** CR LF "--" boundary: what ends a part's content. */
    private final byte[] delimiter;
    /** How far the search may jump when the byte under the delimiter's last position is {@code b} (Horspool). */
    private final int[] skip = new int[256];
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private Part current;
    /** Where the next delimiter starts in the buffer, once found; -1 while not known. */
    private int delimiterAt = -1;
    /** No delimiter starts in the buffer before this position (what the search already looked at). */
    private int scanned;

    private MultipartReader(InputStream in, String boundary, int bufferSize) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[Math.max(bufferSize, MAX_HEADER_BYTES + delimiter.length + 4)];
        java.util.Arrays.fill(skip, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            skip[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        // the first boundary has no line break before it: one is supplied, so that every boundary looks the same
        // and anything before the first (a preamble) is content of a part nobody asks for
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /**
     * A reader of the body of a request with this Content-Type; a client error naming what is wrong when it is not
     * multipart/form-data with a usable boundary.
     */
    public static MultipartReader of(String contentType, InputStream body) {
        return of(contentType, body, BUFFER);
    }

    static MultipartReader of(String contentType, InputStream body, int bufferSize) {
        String type = contentType == null ? "" : contentType.trim();
        List<String> pieces = split(type, ';');
        if (pieces.isEmpty() || !pieces.get(0).trim().equalsIgnoreCase("multipart/form-data")) {
            throw new InvalidInputException("Content-Type " + DomainException.quote(contentType)
                    + ": this takes multipart/form-data");
        }
        String boundary = parameters(pieces).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw new InvalidInputException("Content-Type " + DomainException.quote(contentType)
                    + ": multipart/form-data needs a boundary of 1 to 70 ASCII characters");
        }
        return new MultipartReader(body, boundary, bufferSize);
    }

    /** The next part, or null after the closing boundary. The previous part's content is skipped if unread. */
    public Part next() throws IOException {
        if (current != null) {
            current.content.skipRest();
            current = null;
        } else if (!started) {
            // the preamble
            new Content().skipRest();
        }
        started = true;
        if (finished) {
            return null;
        }
        // after a delimiter: "--" closes the body, otherwise optional white space and a line break
        require(2, null);
        if (buffer[start] == '-' && buffer[start + 1] == '-') {
            finished = true;
            return null;
        }
        while (true) {
            require(1, null);
            byte b = buffer[start];
            if (b == ' ' || b == '\t') {
                start++;
            } else {
                break;
            }
        }
        require(2, null);
        if (buffer[start] != '\r' || buffer[start + 1] != '\n') {
            throw new InvalidInputException("the multipart body has a boundary line with something after it");
        }
        start += 2;
        Map<String, String> headers = headers();
        current = new Part(headers, new Content());
        return current;
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int used = 0;
        while (true) {
            int lineEnd = -1;
            while (lineEnd < 0) {
                for (int i = start; i + 1 < end; i++) {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                        lineEnd = i;
                        break;
                    }
                }
                if (lineEnd < 0) {
                    if (end - start + used > MAX_HEADER_BYTES) {
                        throw new InvalidInputException("a part of the multipart body has headers longer than "
                                + MAX_HEADER_BYTES + " bytes");
                    }
                    if (!fill()) {
                        throw endsEarly(null);
                    }
                }
            }
            used += lineEnd + 2 - start;
            if (used > MAX_HEADER_BYTES) {
                throw new InvalidInputException("a part of the multipart body has headers longer than "
                        + MAX_HEADER_BYTES + " bytes");
            }
            String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
            start = lineEnd + 2;
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException("a part of the multipart body has a header line without a name: "
                        + DomainException.quote(line));
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    /** Makes at least {@code n} bytes available from {@code start}, or refuses the body as cut short. */
    private void require(int n, Part part) throws IOException {
        while (end - start < n) {
            if (!fill()) {
                throw endsEarly(part);
            }
        }
    }

    private static InvalidInputException endsEarly(Part part) {
        return new InvalidInputException("the multipart body ends before its closing boundary"
                + (part == null ? "" : ", inside the part " + DomainException.quote(part.name())
                + part.fileName().map(f -> " (file " + DomainException.quote(f) + ")").orElse(""))
                + ": the upload was cut short");
    }

    /** Reads more of the body into the buffer, moving what is left to its start first; false at the body's end. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            delimiterAt = delimiterAt >= start ? delimiterAt - start : -1;
            scanned = Math.max(0, scanned - start);
            start = 0;
        }
        if (end == buffer.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n;
        try {
            n = in.read(buffer, end, buffer.length - end);
        } catch (IOException e) {
            // the client's connection broke (or it stopped sending): its fault, not the server's, and no 500 in the log
            throw new InvalidInputException("the upload broke off before its end (" + e.getMessage() + ")");
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    /**
     * Where the next delimiter starts in the buffer, or -1 when it is not (yet) there. Each byte is looked at about
     * once however the content is read, small reads included.
     */
    private int locate() {
        if (delimiterAt >= start) {
            return delimiterAt;
        }
        int from = Math.max(start, scanned);
        int found = find(from);
        if (found >= 0) {
            delimiterAt = found;
        } else {
            scanned = Math.max(from, end - (delimiter.length - 1));
        }
        return found;
    }

    /** The first delimiter starting in {@code buffer[from, end)}, or -1 (Boyer-Moore-Horspool). */
    private int find(int from) {
        int last = delimiter.length - 1;
        int i = from;
        while (i + last < end) {
            int j = last;
            while (j >= 0 && buffer[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
            i += skip[buffer[i + last] & 0xff];
        }
        return -1;
    }

    /** One part: its headers, the name and file name of its Content-Disposition, and its content as a stream. */
    public static final class Part {
        private final Map<String, String> headers;
        private final Content content;
        private final String name;
        private final String fileName;

        private Part(Map<String, String> headers, Content content) {
            this.headers = headers;
            this.content = content;
            String disposition = headers.get("content-disposition");
            Map<String, String> parameters = disposition == null ? Map.of()
                    : parameters(split(disposition, ';'));
            this.name = parameters.get("name");
            String extended = parameters.get("filename*");
            this.fileName = extended != null ? decodeExtended(extended, parameters.get("filename"))
                    : parameters.get("filename");
        }

        /** The form field's name (null when the part has none). */
        public String name() {
            return name;
        }

        /** The file name, for a part that is a file. */
        public java.util.Optional<String> fileName() {
            return java.util.Optional.ofNullable(fileName);
        }

        /** A header of the part, by its name in any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The content, read as it arrives; ends where the part does. */
        public InputStream content() {
            return content;
        }

        /**
         * The content as text (its charset, or UTF-8), refused when longer than {@code maxBytes}: for form fields,
         * which are short.
         */
        public String text(int maxBytes) throws IOException {
            byte[] bytes = content.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new InvalidInputException("field " + DomainException.quote(name) + " is longer than " + maxBytes
                        + " bytes");
            }
            return new String(bytes, charset());
        }

        private Charset charset() {
            String type = header("content-type");
            String name = type == null ? null : parameters(split(type, ';')).get("charset");
            if (name != null) {
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new InvalidInputException("field " + DomainException.quote(this.name) + ": unknown charset "
                            + DomainException.quote(name));
                }
            }
            return StandardCharsets.UTF_8;
        }
    }

    /** The content of the current part: the bytes up to the next delimiter. */
    private final class Content extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int found = locate();
                // without a delimiter in the buffer, its last bytes may be the start of one: keep them
                int available = found >= 0 ? found - start : Math.max(0, end - start - (delimiter.length - 1));
                if (available > 0) {
                    int n = Math.min(len, available);
                    System.arraycopy(buffer, start, b, off, n);
                    start += n;
                    return n;
                }
                if (found >= 0) {
                    start = found + delimiter.length;
                    done = true;
                    return -1;
                }
                if (!fill()) {
                    throw endsEarly(current);
                }
            }
        }

        /** Reads to the end of the part without keeping anything. */
        void skipRest() throws IOException {
            while (!done) {
                int found = locate();
                if (found >= 0) {
                    start = found + delimiter.length;
                    done = true;
                } else {
                    start = Math.max(start, end - (delimiter.length - 1));
                    if (!fill()) {
                        throw endsEarly(current);
                    }
                }
            }
        }
    }

    /** The pieces of a header value between separators, separators inside double quotes excepted. */
    static List<String> split(String value, char separator) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                piece.append(c);
                c = value.charAt(++i);
            } else if (c == separator && !quoted) {
                pieces.add(piece.toString());
                piece.setLength(0);
                continue;
            }
            piece.append(c);
        }
        pieces.add(piece.toString());
        return pieces;
    }

    /** The {@code key=value} parameters after the first piece, keys in lower case, quoted values unquoted. */
    static Map<String, String> parameters(List<String> pieces) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String piece : pieces.subList(Math.min(1, pieces.size()), pieces.size())) {
            int equals = piece.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = piece.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = piece.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                StringBuilder unquoted = new StringBuilder();
                for (int i = 1; i < value.length() - 1; i++) {
                    char c = value.charAt(i);
                    // a quoted pair (RFC 9110), except before a character that is no escape: Windows paths
                    if (c == '\\' && i + 2 < value.length() && (value.charAt(i + 1) == '"'
                            || value.charAt(i + 1) == '\\')) {
                        c = value.charAt(++i);
                    }
                    unquoted.append(c);
                }
                value = unquoted.toString();
            }
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    /** An RFC 8187 value, {@code charset'language'percent-encoded}; the plain value when it cannot be decoded. */
    static String decodeExtended(String value, String fallback) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return fallback;
        }
        try {
            Charset charset = Charset.forName(value.substring(0, first));
            return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), charset);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
