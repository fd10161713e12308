package org.eegworkflow.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonValue;

/**
 * The old EEG Workflow System's web page in a browser, as far as the server can tell: what its code (main.js, with
 * jQuery 1.x, jquery.cookie and elFinder 2.1 with the version 1 transport) sends, and what it does with each answer.
 * <ul>
 * <li>Cookies: the browser keeps what the server sets (the token cookie is HttpOnly); the page's
 *     {@code $.cookie(name, value)} writes its own, except over an HttpOnly cookie of the same name, which script can
 *     neither overwrite nor read (RFC 6265, 5.3 step 11). So {@code $.cookie("token")} reads nothing here, and the
 *     {@code token} header the page sets from it is jQuery's {@code "undefined"}.</li>
 * <li>jQuery's {@code $.ajax} without a dataType: {@code Accept: *}{@code /*}, {@code X-Requested-With}, a
 *     {@code _=} nonce on GETs ({@code cache: false}); the answer is handed over parsed when it is
 *     {@code application/json}, as a string when it is text/html; a status outside 2xx goes to the error handler.</li>
 * <li>FormData bodies as Chromium writes them (a {@code ----WebKitFormBoundary} boundary, files with their names).</li>
 * </ul>
 * Nothing of the old client's code is here: this is what it does, written out.
 */
final class OldWebClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong NONCE = new AtomicLong(System.currentTimeMillis());
    static final String UNDEFINED = "undefined";

    private final URI base;
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    record Cookie(String value, boolean httpOnly) {
    }

    OldWebClient(URI base) {
        this.base = base;
    }

    /** What {@code $.cookie(name)} reads: a cookie script can see, decoded; null (undefined) otherwise. */
    String jsCookie(String name) {
        Cookie cookie = cookies.get(name);
        return cookie == null || cookie.httpOnly() ? null : URLDecoder.decode(cookie.value(), StandardCharsets.UTF_8);
    }

    /** {@code $.cookie(name, value, {expires: 10})}: ignored where an HttpOnly cookie of that name is. */
    void setJsCookie(String name, String value) {
        Cookie existing = cookies.get(name);
        if (existing != null && existing.httpOnly()) {
            return;
        }
        cookies.put(name, new Cookie(encodeUriComponent(value), false));
    }

    /** The browser's cookie of that name, whatever script may see (for the test's own checks). */
    String browserCookie(String name) {
        Cookie cookie = cookies.get(name);
        return cookie == null ? null : cookie.value();
    }

    /** A browser that still holds a token cookie the server once set (HttpOnly), in another tab say. */
    void keepCookie(String name, String value) {
        cookies.put(name, new Cookie(value, true));
    }

    /** What the page's {@code beforeSend} sets: {@code email} and {@code token} from its cookies. */
    Map<String, String> pageHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("email", headerValue(jsCookie("email")));
        headers.put("token", headerValue(jsCookie("token")));
        return headers;
    }

    /** XMLHttpRequest.setRequestHeader(name, undefined) sends the text "undefined". */
    private static String headerValue(String value) {
        return value == null ? UNDEFINED : value;
    }

    /** One answer as jQuery hands it to the page: {@code data} is a parsed JSON value or a string. */
    record Answer(int status, String contentType, String responseText, byte[] bytes, Object data) {
        boolean success() {
            return status >= 200 && status < 300 || status == 304;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + responseText;
        }
    }

    /**
     * {@code $.ajax({type, url, data: formData, processData: false, contentType: false, cache: false, beforeSend})}.
     *
     * @param form    the FormData, or null for none (the browser then sends no body and no Content-Type)
     * @param headers what beforeSend sets, or an empty map
     */
    Answer ajax(String method, String url, FormData form, Map<String, String> headers) {
        String target = url;
        if (method.equals("GET")) {
            target += (url.contains("?") ? "&" : "?") + "_=" + NONCE.incrementAndGet();
        }
        HttpRequest.Builder builder = browserRequest(method, target, "*/*");
        builder.header("X-Requested-With", "XMLHttpRequest");
        headers.forEach(builder::header);
        if (form != null) {
            builder.header("Content-Type", form.contentType());
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(form.body()));
        } else {
            builder.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(new byte[0]));
        }
        HttpResponse<byte[]> response = send(builder);
        String type = response.headers().firstValue("Content-Type").orElse("");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Object data = text;
        // jQuery's converters when no dataType is given: the Content-Type picks "json" (parsed) or text (a string)
        if (type.toLowerCase(Locale.ROOT).contains("json") && response.statusCode() >= 200
                && response.statusCode() < 300) {
            data = parse(text);
        }
        return new Answer(response.statusCode(), type, text, response.body(), data);
    }

    /**
     * elFinder's request: {@code $.ajax({url, type: 'get', dataType: 'json', cache: false, data})}, data encoded by
     * jQuery.param (arrays as {@code name[]}), the answer parsed as JSON whatever its Content-Type.
     */
    Answer elfinder(Map<String, Object> data) {
        HttpRequest.Builder builder = browserRequest("GET", "elfinder/connector?" + param(data) + "&_="
                + NONCE.incrementAndGet(), "application/json, text/javascript, */*; q=0.01");
        return elfinderAnswer(builder.GET());
    }

    /**
     * The same request as elFinder sends it with {@code requestType: 'post'} (its setting for a connector on another
     * host): jQuery's urlencoded body.
     */
    Answer elfinderPost(Map<String, Object> data) {
        HttpRequest.Builder builder = browserRequest("POST", "elfinder/connector",
                "application/json, text/javascript, */*; q=0.01");
        builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        return elfinderAnswer(builder.POST(HttpRequest.BodyPublishers.ofString(param(data))));
    }

    private Answer elfinderAnswer(HttpRequest.Builder builder) {
        builder.header("X-Requested-With", "XMLHttpRequest");
        HttpResponse<byte[]> response = send(builder);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), text,
                response.body(), response.statusCode() == 200 ? parse(text) : text);
    }

    /** jQuery.param: arrays as {@code name[]=...}, each value encoded as encodeURIComponent does. */
    private static String param(Map<String, Object> data) {
        return data.entrySet().stream().flatMap(entry -> {
            Object value = entry.getValue();
            if (value instanceof List<?> list) {
                return list.stream().map(v -> encodeUriComponent(entry.getKey() + "[]") + "=" + encodeUriComponent(
                        String.valueOf(v)));
            }
            return java.util.stream.Stream.of(encodeUriComponent(entry.getKey()) + "="
                    + encodeUriComponent(String.valueOf(value)));
        }).collect(Collectors.joining("&"));
    }

    /** elFinder's upload: its own XMLHttpRequest with a FormData; the page JSON.parses the response text. */
    Answer elfinderUpload(FormData form) {
        HttpRequest.Builder builder = browserRequest("POST", "elfinder/connector", "*/*");
        builder.header("Content-Type", form.contentType());
        builder.POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        HttpResponse<byte[]> response = send(builder);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), text,
                response.body(), text);
    }

    /** A link the page shows (an artefact), followed by the browser: a plain GET with the cookies. */
    Answer follow(String path) {
        HttpResponse<byte[]> response = send(browserRequest("GET", path, "text/html,*/*").GET());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                "", response.body(), null);
    }

    /** {@code JSON.parse(data)}: text only; an object is first turned into "[object Object]", which is no JSON. */
    static JsonValue jsonParse(Object data) {
        if (!(data instanceof String text)) {
            throw new AssertionError("SyntaxError: \"[object Object]\" is not valid JSON (JSON.parse was handed"
                    + " what jQuery had already parsed: " + data + ")");
        }
        return parse(text);
    }

    private static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private HttpRequest.Builder browserRequest(String method, String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Accept", accept)
                .header("Referer", base.toString())
                .header("Sec-Fetch-Site", "same-origin")
                .header("Sec-Fetch-Mode", "cors");
        if (!method.equals("GET")) {
            // Chromium names the page's origin on every XHR that is not a GET, same-origin ones too
            String origin = base.getScheme() + "://" + base.getAuthority();
            builder.header("Origin", origin);
        }
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().value())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : response.headers().allValues("Set-Cookie")) {
                store(header);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void store(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            value = value.substring(1, value.length() - 1);
        }
        boolean httpOnly = false;
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
            httpOnly |= attribute.equals("httponly");
            expired |= attribute.equals("max-age=0");
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, new Cookie(value, httpOnly));
        }
    }

    static String encodeUriComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    /** A FormData as Chromium sends it. */
    static final class FormData {
        private static final SecureRandom RANDOM = new SecureRandom();
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private final String boundary;
        private final List<byte[]> parts = new ArrayList<>();

        FormData() {
            StringBuilder b = new StringBuilder("----WebKitFormBoundary");
            for (int i = 0; i < 16; i++) {
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            boundary = b.toString();
        }

        /** {@code formData.append(name, value)} (a string; undefined becomes "undefined"). */
        FormData append(String name, String value) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + (value == null ? UNDEFINED : value) + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** A file input's file: its name, and the type Chromium gives its extension. */
        FormData appendFile(String name, Path file, String fileName, String type) {
            try {
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                part.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                part.write(Files.readAllBytes(file));
                part.write("\r\n".getBytes(StandardCharsets.UTF_8));
                parts.add(part.toByteArray());
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            parts.forEach(body::writeBytes);
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }
    }
}
