package org.eegworkflow.it;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.module.control.TestModules;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Block authors' modules over HTTP: built here from sources against the SDK, uploaded, versioned, shared, refused
 * and deleted. The container runs with {@code eegwf.admin.emails=admin@example.org}, so the test has an admin to make
 * authors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModuleIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PASSWORD = "correct horse battery";

    @ArquillianResource
    URL base;

    @TempDir
    Path dir;

    private ApiClient admin;
    private ApiClient author;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeEach
    void users() {
        admin = ApiClient.at(base);
        if (admin.post("api/users/login", Map.of("email", "admin@example.org", "password", PASSWORD)).status() != 200) {
            admin.register("admin@example.org", "Admin", PASSWORD);
        }
        admin.login("admin@example.org", PASSWORD);
        author = ApiClient.newUser(base);
        long authorId = author.get("api/users/details").json().getJsonNumber("id").longValueExact();
        ApiClient.Reply granted = admin.send("PUT", "api/admin/users/" + authorId + "/roles/author");
        assertEquals(200, granted.status(), granted.body());
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private Path jar(String fileName, String... sources) {
        return TestModules.archive().sources(sources).writeJar(dir.resolve(fileName));
    }

    private static String scaleSource() {
        return Workflows.resource("/modules/lab/org/example/lab/Scale.java");
    }

    private static Map<String, JsonObject> palette(ApiClient client) {
        Map<String, JsonObject> types = new java.util.LinkedHashMap<>();
        for (JsonValue value : client.get("api/workflow/initialize").jsonArray()) {
            JsonObject type = value.asJsonObject();
            types.put(type.getString("module") + "/" + type.getString("name"), type);
        }
        return types;
    }

    @Test
    void theReadmesBlockIsUploadedListedAndRun() {
        String archive = unique("Lab") + ".jar";
        String module = archive + ":" + archive.substring(0, archive.length() - 4);
        ApiClient.Reply upload = author.upload(jar(archive, scaleSource()), archive, null);
        assertEquals(200, upload.status(), upload.body());
        assertEquals(1, upload.json().getInt("new_blocks_length"));
        assertEquals(module, upload.json().getString("module"));

        JsonObject scale = palette(author).get(module + "/Scale");
        assertTrue(scale != null, "initialize lists the new block");
        assertEquals("Lab", scale.getString("family"));
        assertFalse(scale.getBoolean("public"));
        assertFalse(palette(ApiClient.newUser(base)).containsKey(module + "/Scale"), "private to its owner");

        String json = new WorkflowJson().constant(1, 4)
                .block(2, module, "Scale", Map.of("factor", "2.5")).edge(1, "output", 2, "value").json();
        JsonObject details = author.awaitJob(author.schedule(json), DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        JsonObject block = ApiClient.blocks(details).get(2);
        assertEquals("10", block.getJsonObject("output").getString("value"));
        assertEquals("4.0 x 2.5 = 10.0\n", block.getString("stdout"));

        ApiClient stranger = ApiClient.newUser(base);
        ApiClient.Reply refused = stranger.post("api/workflow/schedule", Map.of("workflow", json));
        assertEquals(400, refused.status());
        assertEquals("block 2: unknown module '" + module + "'", refused.error(), "another user's private module");
    }

    @Test
    void uploadingNeedsTheAuthorRole() {
        ApiClient plain = ApiClient.newUser(base);
        String archive = unique("Nope") + ".jar";
        ApiClient.Reply refused = plain.upload(jar(archive, scaleSource()), archive, null);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.error().contains("author"), refused.body());
        assertEquals(403, plain.get("api/admin/users").status(), "and only admins manage roles");
    }

    @Test
    void aNewVersionServesNewJobsWhileARestartedJobKeepsItsVersion() {
        String archive = unique("Versioned") + ".jar";
        String module = archive + ":" + archive.substring(0, archive.length() - 4);
        assertEquals(200, author.upload(jar(archive, versionSource(1)), archive, null).status());
        String json = new WorkflowJson().block(1, module, "Version", Map.of()).json();
        long first = author.schedule(json);
        JsonObject failed = author.awaitJob(first, DEADLINE);
        assertEquals("FAILED", failed.getString("status"), "version 1 fails its first run");

        ApiClient.Reply second = author.upload(jar(archive, versionSource(2)), archive, null);
        assertEquals(200, second.status(), second.body());
        assertEquals(2, second.json().getInt("version"));
        assertEquals("version 2", palette(author).get(module + "/Version").getString("description"));

        assertEquals(200, author.postEmpty("api/workflow/jobs/" + first + "/restart").status());
        JsonObject restarted = author.awaitJob(first, DEADLINE);
        assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        assertEquals("1", ApiClient.blocks(restarted).get(1).getJsonObject("output").getString("value"),
                "the restarted job ran with the version it started with");

        JsonObject fresh = author.awaitJob(author.schedule(json), DEADLINE);
        assertEquals("2", ApiClient.blocks(fresh).get(1).getJsonObject("output").getString("value"));

        JsonObject listed = author.get("api/workflow/modules").jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("name").equals(module)).findFirst().orElseThrow();
        assertEquals(2, listed.getJsonArray("versions").size());
    }

    @Test
    void simultaneousUploadsOfOneModuleGetDistinctVersionsOrAConflict() throws Exception {
        for (int round = 0; round < 3; round++) {
            String archive = unique("Together") + ".jar";
            String module = archive + ":" + archive.substring(0, archive.length() - 4);
            Path jar = jar(archive, scaleSource());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<ApiClient.Reply>> replies = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 0; i < 6; i++) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return author.upload(jar, archive, null);
                    }));
                }
                start.countDown();
                List<Integer> versions = new ArrayList<>();
                for (Future<ApiClient.Reply> future : replies) {
                    ApiClient.Reply reply = future.get(2, TimeUnit.MINUTES);
                    if (reply.status() == 200) {
                        versions.add(reply.json().getInt("version"));
                    } else {
                        assertEquals(409, reply.status(), reply.body());
                        assertTrue(reply.error().contains("at the same moment"), reply.body());
                    }
                }
                assertFalse(versions.isEmpty(), "at least one upload is stored");
                assertEquals(versions.size(), versions.stream().distinct().count(), "no version twice: " + versions);
                JsonObject listed = author.get("api/workflow/modules").jsonArray().stream()
                        .map(JsonValue::asJsonObject).filter(m -> m.getString("name").equals(module)).findFirst()
                        .orElseThrow();
                assertEquals(versions.size(), listed.getJsonArray("versions").size(), listed.toString());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A block that says its version and, in version 1, fails the first time it runs in a job. */
    private static String versionSource(int version) {
        return """
            package org.example.versioned;
            import org.eegworkflow.sdk.*;
            import java.nio.file.*;
            @BlockType(name = "Version", family = "Test", description = "version %1$d")
            public class Version {
                @BlockOutput(name = "version", type = Types.NUMBER) double version;
                @BlockExecute public void execute(BlockContext context) throws Exception {
                    Path marker = context.workingDirectory().resolve("version-ran");
                    if (%1$d == 1 && !Files.exists(marker)) { Files.createFile(marker); throw new IllegalStateException("first run"); }
                    version = %1$d;
                }
            }
            """.formatted(version);
    }

    @Test
    void aPublicModuleServesEveryUserAndOnlyItsOwnerDeletesIt() {
        String archive = unique("Shared") + ".jar";
        String module = archive + ":" + archive.substring(0, archive.length() - 4);
        assertEquals(200, author.upload(jar(archive, scaleSource()), archive, "true").status());
        ApiClient other = ApiClient.newUser(base);
        JsonObject scale = palette(other).get(module + "/Scale");
        assertTrue(scale.getBoolean("public"));
        String json = new WorkflowJson().constant(1, 3).block(2, module, "Scale", Map.of())
                .edge(1, "output", 2, "value").json();
        long jobId = other.schedule(json);
        JsonObject details = other.awaitJob(jobId, DEADLINE);
        assertEquals("6", ApiClient.blocks(details).get(2).getJsonObject("output").getString("value"));

        assertEquals(403, other.delete("api/workflow/modules/" + module).status(), "not the owner");
        assertEquals(204, author.delete("api/workflow/modules/" + module).status());
        assertFalse(palette(other).containsKey(module + "/Scale"));
        assertEquals("6", ApiClient.blocks(other.get("api/workflow/jobs/" + jobId).json()).get(2)
                .getJsonObject("output").getString("value"), "jobs that used it keep their results");
        assertEquals(404, author.delete("api/workflow/modules/" + module).status());
    }

    /** The web page sends the archive first and {@code public} after it: the form is streamed, and still both count. */
    @Test
    void aPublicFieldAfterTheArchiveCounts() throws IOException {
        String archive = unique("Late") + ".jar";
        String module = archive + ":" + archive.substring(0, archive.length() - 4);
        String b = "----eegwfModuleIT";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + archive
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar(archive, scaleSource())));
        body.writeBytes(("\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"public\"\r\n\r\ntrue\r\n--" + b
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        ApiClient.Reply uploaded = author.raw("POST", "api/workflow/upload", "multipart/form-data; boundary=" + b,
                body.toByteArray());
        assertEquals(200, uploaded.status(), uploaded.body());
        assertTrue(palette(ApiClient.newUser(base)).get(module + "/Scale").getBoolean("public"));
        assertEquals(204, author.delete("api/workflow/modules/" + module).status());
    }

    @Test
    void aNameTakenByAnotherUserIsRefused() {
        String archive = unique("Mine") + ".jar";
        assertEquals(200, author.upload(jar(archive, scaleSource()), archive, null).status());
        ApiClient otherAuthor = ApiClient.newUser(base);
        long id = otherAuthor.get("api/users/details").json().getJsonNumber("id").longValueExact();
        admin.send("PUT", "api/admin/users/" + id + "/roles/author");
        ApiClient.Reply taken = otherAuthor.upload(jar(archive, scaleSource()), archive, null);
        assertEquals(403, taken.status(), taken.body());
    }

    @Test
    void twoModulesWithDifferentVersionsOfOneLibraryRunInOneWorkflow() {
        String a = unique("GreetA") + ".jar";
        String b = unique("GreetB") + ".jar";
        assertEquals(200, author.upload(greetingModule(a, "v1"), a, null).status());
        assertEquals(200, author.upload(greetingModule(b, "v2"), b, null).status());
        String json = new WorkflowJson()
                .block(1, a + ":" + a.substring(0, a.length() - 4), "Greet", Map.of())
                .block(2, b + ":" + b.substring(0, b.length() - 4), "Greet", Map.of()).json();
        JsonObject details = author.awaitJob(author.schedule(json), DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        assertEquals("hello from v1", ApiClient.blocks(details).get(1).getJsonObject("output").getString("value"));
        assertEquals("hello from v2", ApiClient.blocks(details).get(2).getJsonObject("output").getString("value"));
    }

    /** A module whose block uses com.example.lib.Greeting, shipped as lib/greeting.jar in the given version. */
    private Path greetingModule(String fileName, String version) {
        String library = """
            package com.example.lib;
            public class Greeting { public static String text() { return "hello from %s"; } }
            """.formatted(version);
        Path lib = TestModules.archive().sources(library).writeJar(dir.resolve(fileName + "-greeting.jar"));
        String block = """
            package org.example.greet;
            import org.eegworkflow.sdk.*;
            @BlockType(name = "Greet", family = "Test")
            public class Greet {
                @BlockExecute public String execute() { return com.example.lib.Greeting.text(); }
            }
            """;
        return TestModules.archive().classPath(lib).sources(block).lib(lib).writeJar(dir.resolve(fileName));
    }

    @Test
    void aBlockThatThrowsAnErrorFailsOnlyItself() {
        String archive = unique("Deep") + ".jar";
        String module = archive + ":" + archive.substring(0, archive.length() - 4);
        String source = """
            package org.example.deep;
            import org.eegworkflow.sdk.*;
            @BlockType(name = "Deep", family = "Test")
            public class Deep {
                static int down(int n) { return down(n + 1) + 1; }
                @BlockExecute public String execute() { return "reached " + down(0); }
            }
            """;
        assertEquals(200, author.upload(jar(archive, source), archive, null).status());
        String json = new WorkflowJson().block(1, module, "Deep", Map.of()).constant(2, 5).json();
        JsonObject details = author.awaitJob(author.schedule(json), DEADLINE);
        assertEquals("FAILED", details.getString("status"));
        assertTrue(ApiClient.blocks(details).get(1).getString("stderr").contains("StackOverflowError"));
        assertEquals("5", ApiClient.blocks(details).get(2).getJsonObject("output").getString("value"));
        assertEquals(200, author.get("api/health").status(), "the server is fine");
    }

    @Test
    void badArchivesAreRefusedAndNothingIsStored() throws IOException {
        int before = author.get("api/workflow/modules").jsonArray().size();
        List<ApiClient.Reply> refusals = new ArrayList<>();

        Path notZip = Files.writeString(dir.resolve("NotZip.jar"), "this is not an archive");
        refusals.add(expect400(author.upload(notZip, unique("NotZip") + ".jar", null), "not a zip"));

        Path noBlock = TestModules.archive().sources("package x; public class Plain { }")
                .writeJar(dir.resolve("NoBlock.jar"));
        refusals.add(expect400(author.upload(noBlock, unique("NoBlock") + ".jar", null), "@BlockType"));

        Map<String, byte[]> broken = TestModules.compile(
                "package x; public class Missing { }",
                "package x; import org.eegworkflow.sdk.*; @BlockType(name = \"B\") public class B extends Missing {"
                        + " @BlockExecute public void run() { } }");
        broken.remove("x/Missing.class");
        Path unloadable = TestModules.archive().classes(broken).writeJar(dir.resolve("Broken.jar"));
        refusals.add(expect400(author.upload(unloadable, unique("Broken") + ".jar", null), "x.B"));

        Path slip = zip(dir.resolve("Slip.zip"), Map.of("../evil.jar", new byte[] {1, 2, 3}));
        refusals.add(expect400(author.upload(slip, unique("Slip") + ".zip", null), "../evil.jar"));
        Path absolute = zip(dir.resolve("Absolute.zip"), Map.of("/tmp/evil.jar", new byte[] {1, 2, 3}));
        refusals.add(expect400(author.upload(absolute, unique("Absolute") + ".zip", null), "/tmp/evil.jar"));

        // just over the default limit of 100 MB, stored uncompressed so the archive itself is that large
        Path large = dir.resolve("Large.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(large))) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            out.putNextEntry(new ZipEntry("data.bin"));
            byte[] chunk = new byte[1 << 20];
            new java.util.Random(1).nextBytes(chunk);
            for (int i = 0; i < 101; i++) {
                out.write(chunk);
            }
            out.closeEntry();
        }
        refusals.add(expect400(author.upload(large, unique("Large") + ".zip", null), "100 MB"));

        Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i <= 10_000; i++) {
            many.put("f/" + i + ".txt", new byte[0]);
        }
        refusals.add(expect400(author.upload(zip(dir.resolve("Many.zip"), many), unique("Many") + ".zip", null),
                "entries"));

        Path bomb = zip(dir.resolve("Bomb.zip"), Map.of("zeros.jar", new byte[64 << 20]));
        refusals.add(expect400(author.upload(bomb, unique("Bomb") + ".zip", null), "zip bomb"));

        ApiClient.Reply badName = author.upload(noBlock, "evil.exe", null);
        assertEquals(400, badName.status(), badName.body());

        assertEquals(before, author.get("api/workflow/modules").jsonArray().size(), "nothing was stored");
        refusals.forEach(reply -> assertTrue(reply.header("Content-Type").startsWith("application/json")));
    }

    private static ApiClient.Reply expect400(ApiClient.Reply reply, String mentions) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.error().contains(mentions), "the refusal names '" + mentions + "': " + reply.body());
        return reply;
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return file;
    }
}
