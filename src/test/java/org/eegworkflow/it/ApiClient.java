package org.eegworkflow.it;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A client of the API as a script or the web page uses it: multipart forms, the token cookie, JSON answers. One
 * instance is one user's session.
 */
public final class ApiClient {
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "STOPPED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private String token;
    private boolean bearer;

    public ApiClient(URI base) {
        this.base = base;
    }

    public static ApiClient at(URL base) {
        try {
            return new ApiClient(base.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public URI base() {
        return base;
    }

    public String token() {
        return token;
    }

    /** Sends the token as a cookie (the default, as the web page does) or as a Bearer header (as scripts do). */
    public ApiClient useToken(String value, boolean asBearer) {
        this.token = value;
        this.bearer = asBearer;
        return this;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** A multipart/form-data POST, as the compat clients send forms. */
    public Reply post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of());
    }

    public Reply post(String path, Map<String, String> fields, Map<String, String> headers) {
        return multipart("POST", path, fields, headers);
    }

    /** A multipart/form-data request with any method and extra headers. */
    public Reply multipart(String method, String path, Map<String, String> fields, Map<String, String> headers) {
        String boundary = "----eegwf" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        headers.forEach(builder::header);
        return send(builder);
    }

    public Reply postUrlEncoded(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** A request with no body and any method (PUT, DELETE, ...). */
    public Reply send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Uploads a file as the multipart field {@code file}, with optional extra fields, as the module upload takes. */
    public Reply upload(java.nio.file.Path file, String fileName, String isPublic) {
        return uploadFile("api/workflow/upload", "file", file, fileName,
                isPublic == null ? Map.of() : Map.of("public", isPublic));
    }

    /**
     * Uploads several files as parts named {@code file}, each with its file name, plus form fields. The files are
     * streamed from disk, never held in memory, so a recording of gigabytes goes up as it would from a browser.
     */
    public Reply uploadFiles(String path, Map<String, java.nio.file.Path> files, Map<String, String> fields) {
        String boundary = "----eegwf" + UUID.randomUUID();
        try {
            StringBuilder head = new StringBuilder();
            for (Map.Entry<String, String> entry : fields.entrySet()) {
                head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(entry.getKey()).append("\"\r\n\r\n").append(entry.getValue()).append("\r\n");
            }
            List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
            parts.add(HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
            long bytes = 0;
            for (Map.Entry<String, java.nio.file.Path> file : files.entrySet()) {
                parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getKey()
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n", StandardCharsets.UTF_8));
                parts.add(HttpRequest.BodyPublishers.ofFile(file.getValue()));
                parts.add(HttpRequest.BodyPublishers.ofString("\r\n", StandardCharsets.UTF_8));
                bytes += java.nio.file.Files.size(file.getValue());
            }
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.UTF_8));
            // a minute, and a minute more per 100 MB: the request timeout covers the whole upload
            Duration timeout = Duration.ofSeconds(60 + bytes / 100_000_000L * 60);
            // HTTP/1.1 as a browser speaks it over plain http: the client's default h2c upgrade, which Payara
            // accepts, broke a 1.8 GB upload there with a protocol error after 1.7 GB
            return send(request(path).timeout(timeout).version(HttpClient.Version.HTTP_1_1)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Reply uploadFile(String path, String field, java.nio.file.Path file, String fileName,
                            Map<String, String> fields) {
        String boundary = "----eegwf" + UUID.randomUUID();
        try {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (Map.Entry<String, String> entry : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + entry.getKey()
                        + "\"\r\n\r\n" + entry.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(java.nio.file.Files.readAllBytes(file));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A request with no body whose path is sent exactly as written: no dot segments removed, no encoding added or
     * undone, as an attacker's client sends it.
     */
    public Reply sendRaw(String method, String rawPath) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString() + rawPath))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        authorize(builder);
        return send(builder);
    }

    /**
     * Any request exactly as given: the method, the headers and the body's bytes, for requests no well-behaved client
     * sends (malformed multipart, wrong content types, invalid UTF-8). A null content type sends none.
     */
    public Reply raw(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Reply postEmpty(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    // ---- the steps most tests take ----

    /** Registers a fresh user with a unique email and logs in as them. */
    public static ApiClient newUser(URL base) {
        return newUser(ApiClient.at(base));
    }

    public static ApiClient newUser(ApiClient anonymous) {
        String email = "user-" + UUID.randomUUID() + "@example.org";
        ApiClient client = new ApiClient(anonymous.base);
        client.register(email, "Researcher", "correct horse battery");
        client.login(email, "correct horse battery");
        return client;
    }

    public void register(String email, String username, String password) {
        Reply reply = post("api/users/register", Map.of("email", email, "username", username, "password", password));
        assertEquals(201, reply.status(), reply.body());
    }

    public JsonObject login(String email, String password) {
        Reply reply = post("api/users/login", Map.of("email", email, "password", password));
        assertEquals(200, reply.status(), reply.body());
        JsonObject json = reply.json();
        useToken(json.getString("token"), false);
        return json;
    }

    /** Schedules a workflow and returns its job id. */
    public long schedule(String workflowJson) {
        Reply reply = post("api/workflow/schedule", Map.of("workflow", workflowJson));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonNumber("job_id").longValueExact();
    }

    /** Polls the job's details until it ends, failing the test if it does not end before the deadline. */
    public JsonObject awaitJob(long jobId, Duration timeout) {
        return awaitJob(jobId, timeout, Duration.ofMillis(100));
    }

    /** As {@link #awaitJob(long, Duration)}, asking every {@code poll}. */
    public JsonObject awaitJob(long jobId, Duration timeout, Duration poll) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject details;
        do {
            Reply reply = get("api/workflow/jobs/" + jobId);
            assertEquals(200, reply.status(), reply.body());
            details = reply.json();
            if (FINAL.contains(details.getString("status"))) {
                return details;
            }
            pause(poll);
        } while (Instant.now().isBefore(deadline));
        return fail("job " + jobId + " did not end within " + timeout + "; last details: " + details);
    }

    /** Each block's entry of the details, by block id. */
    public static Map<Integer, JsonObject> blocks(JsonObject details) {
        Map<Integer, JsonObject> blocks = new LinkedHashMap<>();
        for (JsonValue block : details.getJsonArray("executionStatus")) {
            blocks.put(block.asJsonObject().getInt("id"), block.asJsonObject());
        }
        return blocks;
    }

    /** One server-sent event of a job's stream: its name ("block" or "job") and its JSON data. */
    public record Event(String name, String data) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(data))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return name + " " + data;
        }
    }

    /**
     * Opens a job's event stream, checks that it is a 200 {@code text/event-stream}, and reads it on another thread
     * until the server ends it: the future holds every event in order. Wait for it with a deadline, so that a stream
     * that never ends fails the test instead of hanging it.
     */
    public CompletableFuture<List<Event>> events(long jobId, Duration timeout) {
        HttpResponse<Stream<String>> response;
        try {
            // a client of its own: the stream holds its connection until the job ends
            response = HttpClient.newHttpClient().send(request("api/workflow/jobs/" + jobId + "/events")
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode(), "events of job " + jobId);
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse("")
                .split(";")[0].trim(), "events of job " + jobId);
        return CompletableFuture.supplyAsync(() -> {
            List<Event> read = new ArrayList<>();
            String name = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    read.add(new Event(name, line.substring(5).trim()));
                }
            }
            return read;
        });
    }

    /** The SHA-256 of some bytes, in hex: compares downloads with what was uploaded or expected. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        authorize(builder);
        return builder;
    }

    private void authorize(HttpRequest.Builder builder) {
        if (token != null) {
            if (bearer) {
                builder.header("Authorization", "Bearer " + token);
            } else {
                builder.header("Cookie", "token=" + token);
            }
        }
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    public record Reply(int status, String body, Map<String, List<String>> headers) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonArray jsonArray() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The error sentence of a JSON error answer. */
        public String error() {
            return json().getString("error");
        }
    }
}
