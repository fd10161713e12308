package org.eegworkflow.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.module.control.TestModules;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The security suite (issue 8): another user's ids on every id-taking endpoint, hostile paths and symbolic links,
 * cross-site requests on every state-changing endpoint, login throttling, cookie flags and security headers, and no
 * password, token or hash in any answer or in the server's log. Two users, A and B; B tries everything on A's things.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Every password and token this suite sends or receives: none may show up where it does not belong. */
    private static final Set<String> SECRETS = new LinkedHashSet<>();
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

    private static Fixture fixture;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    /** User A with a job and its artefact, a data file and a private module; user B, who owns a file of their own. */
    record Fixture(ApiClient admin, ApiClient a, long aId, String aEmail, String aPassword, ApiClient b, long bId,
                   long job, String artefact, String module, Path aFolder, Path bFolder, String bContent) {
    }

    private synchronized Fixture fixture() throws IOException {
        if (fixture != null) {
            return fixture;
        }
        captureConsole();
        ApiClient admin = ApiClient.at(base);
        if (admin.post("api/users/login", Map.of("email", "admin@example.org", "password", ADMIN_PASSWORD))
                .status() != 200) {
            admin.register("admin@example.org", "Admin", ADMIN_PASSWORD);
        }
        admin.login("admin@example.org", ADMIN_PASSWORD);
        String aEmail = "sec-a-" + RUN + "@example.org";
        String aPassword = "A-secret-" + UUID.randomUUID();
        ApiClient a = user(aEmail, aPassword);
        long aId = a.get("api/users/details").json().getJsonNumber("id").longValueExact();
        ApiClient b = user("sec-b-" + RUN + "@example.org", "B-secret-" + UUID.randomUUID());
        long bId = b.get("api/users/details").json().getJsonNumber("id").longValueExact();
        SECRETS.add(admin.token());
        assertEquals(200, admin.send("PUT", "api/admin/users/" + aId + "/roles/author").status());

        long job = a.schedule(new WorkflowJson().block(1, WorkflowJson.ARITHMETIC, "Plot", Map.of()).json());
        JsonObject details = a.awaitJob(job, DEADLINE);
        assertEquals("COMPLETED", details.getString("status"), details.toString());
        String artefact = ApiClient.blocks(details).get(1).getJsonObject("output").getJsonObject("value")
                .getString("filename");

        Path dir = Files.createTempDirectory("security-it");
        assertEquals(201, a.uploadFiles("api/files", Map.of("a-data.txt",
                Files.writeString(dir.resolve("a.txt"), "A's data " + RUN)), Map.of()).status());
        // a folder of A's, for the dataset description (a recording's name in it, so it is a plain dataset)
        assertEquals(201, a.uploadFiles("api/files", Map.of("S001R03.edf",
                Files.writeString(dir.resolve("a.edf"), "not really EDF " + RUN)), Map.of("folder", "a-study"))
                .status());
        String bContent = "B's private data " + UUID.randomUUID();
        assertEquals(201, b.uploadFiles("api/files", Map.of("b-data.txt",
                Files.writeString(dir.resolve("b.txt"), bContent)), Map.of()).status());

        String archive = "Sec" + RUN + ".jar";
        Path jar = TestModules.archive().sources(Workflows.resource("/modules/lab/org/example/lab/Scale.java"))
                .writeJar(dir.resolve(archive));
        ApiClient.Reply uploaded = a.upload(jar, archive, "false");
        assertEquals(200, uploaded.status(), uploaded.body());
        String module = uploaded.json().getString("module");

        Path data = dataDir();
        fixture = new Fixture(admin, a, aId, aEmail, aPassword, b, bId, job, artefact, module,
                data.resolve("files").resolve(Long.toString(aId)), data.resolve("files").resolve(Long.toString(bId)),
                bContent);
        return fixture;
    }

    private ApiClient user(String email, String password) {
        ApiClient client = ApiClient.at(base);
        client.register(email, "Sec", password);
        client.login(email, password);
        SECRETS.add(password);
        SECRETS.add(client.token());
        return client;
    }

    /** The Arquillian server's data folder ({@code eegwf.data.dir} in arquillian.xml). */
    private static Path dataDir() {
        return Path.of(System.getProperty("it.work.dir", "target/it")).resolve("arquillian-" + Deployments.server());
    }

    // ---- 1. another user's ids ----

    /** One id-taking request: how B asks for A's thing, and the same request for a thing that does not exist. */
    record IdCase(String operation, String method, String path, String missingPath, Map<String, String> form,
                  String own, String missing, int status) {
    }

    private List<IdCase> idCases(Fixture f) {
        long job = f.job();
        long noJob = 9_000_000_000L + (System.nanoTime() % 1_000_000);
        String noFile = "no-such-" + RUN + ".txt";
        String noModule = "NoSuch" + RUN + ".jar:NoSuch" + RUN;
        long noUser = 8_000_000_000L;
        String j = Long.toString(job);
        String nj = Long.toString(noJob);
        return List.of(
                new IdCase("GET /workflow/jobs/{id}", "GET", "api/workflow/jobs/" + j, "api/workflow/jobs/" + nj,
                        null, j, nj, 404),
                new IdCase("DELETE /workflow/jobs/{id}", "DELETE", "api/workflow/jobs/" + j,
                        "api/workflow/jobs/" + nj, null, j, nj, 404),
                new IdCase("POST /workflow/jobs", "POST", "api/workflow/jobs", "api/workflow/jobs",
                        Map.of("jobId", j), j, nj, 404),
                new IdCase("GET /workflow/jobs/{id}/events", "GET", "api/workflow/jobs/" + j + "/events",
                        "api/workflow/jobs/" + nj + "/events", null, j, nj, 404),
                new IdCase("POST /workflow/jobs/{id}/stop", "POST", "api/workflow/jobs/" + j + "/stop",
                        "api/workflow/jobs/" + nj + "/stop", null, j, nj, 404),
                new IdCase("POST /workflow/jobs/{id}/restart", "POST", "api/workflow/jobs/" + j + "/restart",
                        "api/workflow/jobs/" + nj + "/restart", null, j, nj, 404),
                new IdCase("GET /workflow/file/{jobId}/{filename}", "GET",
                        "api/workflow/file/" + j + "/" + f.artefact(), "api/workflow/file/" + nj + "/" + f.artefact(),
                        null, j, nj, 404),
                new IdCase("GET /files/{path}", "GET", "api/files/a-data.txt", "api/files/" + noFile, null,
                        "a-data.txt", noFile, 404),
                new IdCase("DELETE /files/{path}", "DELETE", "api/files/a-data.txt", "api/files/" + noFile, null,
                        "a-data.txt", noFile, 404),
                new IdCase("GET /datasets/{folder}", "GET", "api/datasets/a-study", "api/datasets/no-such-" + RUN,
                        null, "a-study", "no-such-" + RUN, 404),
                new IdCase("DELETE /workflow/modules/{name}", "DELETE", "api/workflow/modules/" + f.module(),
                        "api/workflow/modules/" + noModule, null, f.module(), noModule, 404),
                // B is no author: a new version of A's private module is refused exactly as a new module would be
                new IdCase("POST /workflow/upload", "UPLOAD", f.module().substring(0, f.module().indexOf(':')),
                        noModule.substring(0, noModule.indexOf(':')), null,
                        f.module().substring(0, f.module().indexOf(':')), noModule.substring(0, noModule.indexOf(':')),
                        403),
                // B is no admin: the admin endpoints answer alike for A's id and an id nobody has
                new IdCase("PUT /admin/users/{id}/roles/{role}", "PUT", "api/admin/users/" + f.aId() + "/roles/author",
                        "api/admin/users/" + noUser + "/roles/author", null, Long.toString(f.aId()),
                        Long.toString(noUser), 403),
                new IdCase("DELETE /admin/users/{id}/roles/{role}", "DELETE",
                        "api/admin/users/" + f.aId() + "/roles/author", "api/admin/users/" + noUser + "/roles/author",
                        null, Long.toString(f.aId()), Long.toString(noUser), 403));
    }

    private ApiClient.Reply ask(ApiClient client, IdCase c, String path, String id) throws IOException {
        return switch (c.method()) {
            case "GET", "DELETE", "PUT" -> client.send(c.method(), path);
            case "UPLOAD" -> client.upload(TestModules.archive()
                    .sources(Workflows.resource("/modules/lab/org/example/lab/Scale.java"))
                    .writeJar(Files.createTempDirectory("sec-upload").resolve(path + ".jar")), path + ".jar", null);
            default -> c.form() == null ? client.postEmpty(path)
                    : client.post(path, Map.of("jobId", id));
        };
    }

    @Test
    @Order(1)
    void anotherUsersIdsAreAsAbsentAsIdsNobodyHas() throws IOException {
        Fixture f = fixture();
        for (IdCase c : idCases(f)) {
            ApiClient.Reply theirs = ask(f.b(), c, c.path(), c.own());
            ApiClient.Reply none = ask(f.b(), c, c.missingPath(), c.missing());
            System.out.println("ID " + c.operation() + ": " + theirs.status() + " " + theirs.body());
            assertEquals(c.status(), theirs.status(), c.operation() + ": " + theirs.body());
            assertEquals(c.status(), none.status(), c.operation() + " (no such id): " + none.body());
            assertJsonError(theirs, c.operation());
            assertEquals(none.body().replace(c.missing(), "<id>"), theirs.body().replace(c.own(), "<id>"),
                    c.operation() + ": the answer must not tell A's id from an id nobody has");
        }
        // and A still has everything B tried to take
        assertEquals("COMPLETED", f.a().get("api/workflow/jobs/" + f.job()).json().getString("status"));
        assertEquals(200, f.a().getBytes("api/workflow/file/" + f.job() + "/" + f.artefact()).statusCode());
        assertEquals(200, f.a().get("api/files/a-data.txt").status());
        assertTrue(f.a().get("api/workflow/modules").jsonArray().stream()
                .anyMatch(m -> m.asJsonObject().getString("name").equals(f.module())), "A's module is still there");
        assertFalse(f.b().get("api/workflow/modules").jsonArray().stream()
                .anyMatch(m -> m.asJsonObject().getString("name").equals(f.module())), "B does not see it");
        assertFalse(f.b().get("api/workflow/initialize").body().contains(f.module()), "nor in B's palette");
        JsonObject aUser = f.admin().get("api/admin/users").jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(u -> u.getJsonNumber("id").longValueExact() == f.aId()).findFirst().orElseThrow();
        assertTrue(aUser.getJsonArray("roles").toString().contains("author"), "B could not revoke A's role");
    }

    /** Every templated path of the OpenAPI document and every operation that takes an id in its body. */
    @Test
    @Order(2)
    void everyIdTakingEndpointOfTheApiIsInTheTable() throws IOException {
        Set<String> covered = new TreeSet<>();
        idCases(fixture()).forEach(c -> covered.add(c.operation()));
        Set<String> missing = new TreeSet<>();
        for (String operation : operations()) {
            if (operation.contains("{") && !covered.contains(operation)) {
                missing.add(operation);
            }
        }
        assertTrue(missing.isEmpty(), "id-taking endpoints of openapi.yaml without a case in SecurityIT.idCases: "
                + missing);
    }

    /** "METHOD /path" of every operation in src/main/resources/openapi.yaml. */
    static List<String> operations() throws IOException {
        Path document = Path.of(System.getProperty("project.basedir", ".")).resolve("src/main/resources/openapi.yaml");
        Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
        Pattern methodLine = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
        List<String> operations = new ArrayList<>();
        String path = null;
        for (String line : Files.readAllLines(document)) {
            Matcher p = pathLine.matcher(line);
            Matcher m = methodLine.matcher(line);
            if (p.matches()) {
                path = p.group(1);
            } else if (!line.startsWith(" ") && !line.isBlank()) {
                path = null;
            } else if (path != null && m.matches()) {
                operations.add(m.group(1).toUpperCase() + " " + path);
            }
        }
        assertTrue(operations.size() > 20, "openapi.yaml read: " + operations);
        return operations;
    }

    // ---- 2. hostile paths ----

    private static List<String> hostilePaths(String target) {
        String slashes = target;
        return List.of(
                "../" + slashes,
                "..%2f" + slashes.replace("/", "%2f"),
                "..%2F" + slashes.replace("/", "%2F"),
                "%2e%2e/" + slashes,
                "%2e%2e%2f" + slashes.replace("/", "%2f"),
                "%252e%252e%252f" + slashes.replace("/", "%252f"),
                "..%5c" + slashes.replace("/", "%5c"),
                "..%255c" + slashes.replace("/", "%255c"),
                "x/../../" + slashes,
                "x/..%2f..%2f" + slashes.replace("/", "%2f"),
                ".%2e/" + slashes,
                "%2fetc%2fpasswd",
                "/etc/passwd",
                "%5cetc%5cpasswd",
                "C:%5cWindows%5cwin.ini",
                "a-data.txt%00.png",
                "%00",
                ".",
                "..",
                "%2e%2e",
                "a".repeat(300),
                "a/".repeat(700) + "x");
    }

    private static void assertRefused(ApiClient.Reply reply, String what, String... mustNotContain) {
        System.out.println("PATH " + what + " -> " + reply.status() + " " + reply.header("Content-Type") + " "
                + (reply.body().length() > 200 ? reply.body().substring(0, 200) + "..." : reply.body()));
        assertTrue(reply.status() == 404 || reply.status() == 400, what + " answered " + reply.status());
        if (reply.status() == 400 && reply.body().isEmpty()) {
            // refused by the HTTP server itself before the app sees it (Payara's Grizzly, for an encoded backslash)
            return;
        }
        assertJsonError(reply, what);
        for (String secret : mustNotContain) {
            assertFalse(reply.body().contains(secret), what + " served what it must not");
        }
        assertFalse(reply.body().contains("root:x:0:0"), what + " served /etc/passwd");
    }

    @Test
    @Order(3)
    void hostilePathsToFilesAndArtefactsAreRefused() throws IOException {
        Fixture f = fixture();
        for (String hostile : hostilePaths(f.bId() + "/b-data.txt")) {
            assertRefused(f.a().sendRaw("GET", "api/files/" + hostile), "GET files/" + hostile, f.bContent());
            assertRefused(f.a().sendRaw("DELETE", "api/files/" + hostile), "DELETE files/" + hostile);
        }
        for (String hostile : hostilePaths("../../files/" + f.aId() + "/a-data.txt")) {
            assertRefused(f.a().sendRaw("GET", "api/workflow/file/" + f.job() + "/" + hostile),
                    "GET artefact " + hostile, "A's data");
        }
        assertEquals(f.bContent(), new String(f.b().getBytes("api/files/b-data.txt").body(),
                StandardCharsets.UTF_8), "B's file survived A's deletes");
        assertEquals(200, f.a().get("api/files/a-data.txt").status());
    }

    @Test
    @Order(4)
    void uploadsWithHostileNamesAreRefusedAndStoreNothing() throws IOException {
        Fixture f = fixture();
        Path dir = Files.createTempDirectory("sec-names");
        Path content = Files.writeString(dir.resolve("x.txt"), "hostile " + RUN);
        List<String> listed = listing(f.a());
        String escaped = "escaped-" + RUN + ".txt";
        for (String name : List.of("../" + escaped, "../../" + escaped, "..\\" + escaped, "/tmp/" + escaped,
                "C:\\" + escaped, "a\u0000b.txt", "x".repeat(300) + ".txt", ".", "..", "a/../../" + escaped,
                "<img src=x onerror=alert(1)>.csv")) {
            ApiClient.Reply reply = f.a().uploadFiles("api/files", Map.of(name, content), Map.of());
            System.out.println("UPLOAD name " + name.replace("\u0000", "\\0") + " -> " + reply.status() + " "
                    + reply.body());
            if (name.contains("\\") && reply.status() == 201) {
                // Jersey reads the multipart file name as an HTTP quoted-string, where a backslash escapes the next
                // character: "..\\escaped.txt" arrives as the plain name "..escaped.txt", which stays in the folder
                String stored = reply.jsonArray().getJsonObject(0).getString("path");
                assertFalse(stored.contains("/") || stored.contains("\\") || stored.equals(".."), stored);
                assertEquals(204, f.a().delete("api/files/" + stored).status());
                continue;
            }
            assertEquals(400, reply.status(), name + ": " + reply.body());
            assertJsonError(reply, "upload " + name);
        }
        for (String folder : List.of("../outside", "/tmp", "..", "a/../..", "x\\..\\..")) {
            ApiClient.Reply reply = f.a().uploadFiles("api/files", Map.of("y.txt", content), Map.of("folder", folder));
            assertEquals(400, reply.status(), folder + ": " + reply.body());
        }
        assertEquals(listed, listing(f.a()), "nothing of the refused uploads was stored");
        try (Stream<Path> everything = Files.walk(dataDir())) {
            assertFalse(everything.anyMatch(p -> p.getFileName().toString().contains("escaped-" + RUN)),
                    "no escaped file anywhere in the data folder");
        }
    }

    private static List<String> listing(ApiClient client) {
        return client.get("api/files").jsonArray().stream().map(v -> v.asJsonObject().getString("path")).toList();
    }

    /** A link inside A's folder to something outside (placed by someone with shell access, or a restored backup). */
    @Test
    @Order(5)
    void symbolicLinksOutOfTheUsersFolderAreNeverFollowed() throws IOException {
        Fixture f = fixture();
        Path outside = Files.createDirectories(dataDir().resolve("outside-" + RUN));
        Path target = Files.writeString(outside.resolve("secret.txt"), "outside secret " + RUN);
        Files.createSymbolicLink(f.aFolder().resolve("leak.txt"), target);
        Files.createSymbolicLink(f.aFolder().resolve("leakdir"), outside);
        Files.createDirectories(f.aFolder().resolve("sub"));
        Files.createSymbolicLink(f.aFolder().resolve("sub/inner-link"), outside);

        assertFalse(listing(f.a()).stream().anyMatch(p -> p.contains("secret") || p.contains("leak")),
                "the list shows no link and nothing behind one: " + listing(f.a()));
        String secret = "outside secret";
        assertRefused(f.a().get("api/files/leak.txt"), "GET a link", secret);
        assertRefused(f.a().get("api/files/leakdir/secret.txt"), "GET through a linked folder", secret);
        assertRefused(f.a().get("api/files/sub/inner-link/secret.txt"), "GET through a deeper link", secret);
        assertRefused(f.a().delete("api/files/leak.txt"), "DELETE a link");
        assertRefused(f.a().delete("api/files/leakdir/secret.txt"), "DELETE through a linked folder");
        assertRefused(f.a().delete("api/files/leakdir"), "DELETE a linked folder");

        Path dir = Files.createTempDirectory("sec-link");
        ApiClient.Reply overLink = f.a().uploadFiles("api/files",
                Map.of("leak.txt", Files.writeString(dir.resolve("x"), "overwrite")), Map.of());
        assertEquals(400, overLink.status(), "an upload onto a link: " + overLink.body());
        ApiClient.Reply intoLink = f.a().uploadFiles("api/files",
                Map.of("dropped.txt", Files.writeString(dir.resolve("y"), "dropped")), Map.of("folder", "leakdir"));
        assertEquals(400, intoLink.status(), "an upload into a linked folder: " + intoLink.body());

        JsonObject run = f.a().awaitJob(f.a().schedule(new WorkflowJson()
                .test(1, "FileSize", Map.of("file", "leak.txt")).json()), DEADLINE);
        assertEquals("FAILED", run.getString("status"), "a FILE property does not follow a link out");
        assertTrue(ApiClient.blocks(run).get(1).getString("stderr").contains("not among your data files"),
                run.toString());

        // deleting the folder that holds a link removes the link, never what it points to
        assertEquals(204, f.a().delete("api/files/sub").status());
        assertFalse(Files.exists(f.aFolder().resolve("sub"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("outside secret " + RUN, Files.readString(target), "the link's target is untouched");
        assertFalse(Files.exists(outside.resolve("dropped.txt")));
        assertTrue(Files.isSymbolicLink(f.aFolder().resolve("leak.txt")), "the link itself was not deleted either");
        Files.delete(f.aFolder().resolve("leak.txt"));
        Files.delete(f.aFolder().resolve("leakdir"));
    }

    // ---- 3. cross-site requests ----

    @Test
    @Order(6)
    void crossSiteRequestsWithTheCookieAreRefusedOnEveryStateChangingEndpoint() throws IOException {
        Fixture f = fixture();
        int jobsBefore = f.a().get("api/workflow/schedule").jsonArray().size();
        List<Map<String, String>> attacks = List.of(Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"), Map.of("Origin", "http://127.0.0.1.evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site"));
        int tried = 0;
        for (String operation : operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
                continue;
            }
            boolean admin = operation.contains("/admin/");
            ApiClient client = admin ? f.admin() : f.a();
            String path = "api" + operation.substring(operation.indexOf(' ') + 1)
                    .replace("/admin/users/{id}", "/admin/users/" + f.bId())
                    .replace("{jobId}", Long.toString(f.job())).replace("{id}", Long.toString(f.job()))
                    .replace("{role}", "author").replace("{filename}", f.artefact())
                    .replace("{name}", f.module()).replace("{path}", "a-data.txt");
            Map<String, String> fields = Map.of("workflow", Workflows.seedExample(), "jobId",
                    Long.toString(f.job()), "currentPassword", f.aPassword(), "newPassword", "changed by evil 1",
                    "email", f.aEmail(), "password", f.aPassword(), "username", "Evil", "public", "true");
            for (Map<String, String> headers : attacks) {
                ApiClient.Reply reply = client.multipart(method, path, fields, headers);
                assertEquals(403, reply.status(), operation + " with " + headers + ": " + reply.body());
                assertTrue(reply.error().contains("cross-site"), operation + ": " + reply.body());
                tried++;
            }
        }
        System.out.println("CSRF " + tried + " cross-site requests refused");
        assertTrue(tried >= 40, "tried " + tried);
        // nothing changed
        assertEquals(200, f.a().get("api/users/details").status(), "the token was not revoked (logout, reset)");
        assertEquals(jobsBefore, f.a().get("api/workflow/schedule").jsonArray().size(), "nothing was scheduled");
        assertEquals(200, f.a().get("api/workflow/jobs/" + f.job()).status(), "the job was not deleted");
        assertEquals(200, f.a().get("api/files/a-data.txt").status(), "the file was not deleted");
        assertTrue(f.a().get("api/workflow/modules").body().contains(f.module()), "the module was not deleted");
        ApiClient again = ApiClient.at(base);
        again.login(f.aEmail(), f.aPassword());
        SECRETS.add(again.token());
        assertFalse(f.admin().get("api/admin/users").jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(u -> u.getJsonNumber("id").longValueExact() == f.bId()).findFirst().orElseThrow()
                .getJsonArray("roles").toString().contains("author"), "B was not made an author");
        // and the same requests from the page itself (same origin) still work
        ApiClient.Reply sameSite = f.a().post("api/workflow/jobs", Map.of("jobId", Long.toString(f.job())),
                Map.of("Origin", base.toString().replaceAll("/$", ""), "Sec-Fetch-Site", "same-origin"));
        assertEquals(200, sameSite.status(), sameSite.body());
    }

    // ---- 4. login throttling ----

    @Test
    @Order(7)
    void repeatedFailedLoginsLockTheAccountForAWhileEvenForTheRightPassword() {
        ApiClient anonymous = ApiClient.at(base);
        String email = "sec-throttle-" + RUN + "@example.org";
        String password = "Throttled-" + UUID.randomUUID();
        anonymous.register(email, "Throttled", password);
        SECRETS.add(password);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String wrong = "wrong-" + i + "-" + UUID.randomUUID();
            SECRETS.add(wrong);
            statuses.add(anonymous.post("api/users/login", Map.of("email", email, "password", wrong)).status());
        }
        assertEquals(List.of(403, 403, 403, 403, 403), statuses);
        ApiClient.Reply locked = anonymous.post("api/users/login", Map.of("email", email, "password", password));
        System.out.println("THROTTLE " + locked.status() + " Retry-After " + locked.header("Retry-After") + " "
                + locked.body());
        assertEquals(429, locked.status(), "the right password during the lockout: " + locked.body());
        assertJsonError(locked, "locked login");
        assertFalse(locked.body().contains("token"), locked.body());
        assertEquals(null, locked.header("Set-Cookie"));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter + " (default first lockout 30 s)");

        // an email nobody registered locks alike: the lockout tells nothing about which accounts exist
        String nobody = "sec-nobody-" + RUN + "@example.org";
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            unknown.add(anonymous.post("api/users/login", Map.of("email", nobody, "password", "x-" + i)).status());
        }
        assertEquals(List.of(403, 403, 403, 403, 403, 429), unknown);

        // other accounts are not affected
        ApiClient other = ApiClient.newUser(base);
        SECRETS.add(other.token());
        assertEquals(200, other.get("api/users/details").status());

        // a stolen cookie is no way around it: wrong current passwords of a password change count alike
        String thiefEmail = "sec-cookie-" + RUN + "@example.org";
        String thiefPassword = "Cookie-" + UUID.randomUUID();
        ApiClient victim = user(thiefEmail, thiefPassword);
        List<Integer> resets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String guess = "guess-" + i + "-" + UUID.randomUUID();
            SECRETS.add(guess);
            resets.add(victim.post("api/users/reset", Map.of("currentPassword", guess,
                    "newPassword", "taken over " + RUN)).status());
        }
        ApiClient.Reply right = victim.post("api/users/reset", Map.of("currentPassword", thiefPassword,
                "newPassword", "taken over " + RUN));
        resets.add(right.status());
        assertEquals(List.of(403, 403, 403, 403, 403, 429), resets, right.body());
        assertEquals(429, ApiClient.at(base).post("api/users/login",
                Map.of("email", thiefEmail, "password", thiefPassword)).status(), "the account itself is locked");
    }

    // ---- 5. cookies, headers, secrets ----

    @Test
    @Order(8)
    void theTokenCookieIsHttpOnlySameSiteAndPathRootAndNotSecureOverPlainHttp() throws IOException {
        Fixture f = fixture();
        ApiClient.Reply login = ApiClient.at(base).post("api/users/login",
                Map.of("email", f.aEmail(), "password", f.aPassword()));
        assertEquals(200, login.status());
        SECRETS.add(login.json().getString("token"));
        String cookie = login.header("Set-Cookie");
        assertNotNull(cookie);
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("httponly"), cookie);
        assertTrue(lower.contains("samesite=lax") || lower.contains("samesite=strict"), cookie);
        assertTrue(lower.contains("path=/"), cookie);
        assertFalse(lower.contains("secure;") || lower.endsWith("secure"), "plain HTTP, default auto: " + cookie);

        ApiClient.Reply logout = ApiClient.at(base).useToken(login.json().getString("token"), false)
                .postEmpty("api/users/logout");
        String cleared = logout.header("Set-Cookie").toLowerCase();
        assertTrue(cleared.contains("httponly") && cleared.contains("max-age=0") && cleared.contains("path=/"),
                cleared);
    }

    @Test
    @Order(9)
    void securityHeadersOnThePageTheApiAndDownloads() throws IOException {
        Fixture f = fixture();
        for (ApiClient.Reply reply : List.of(ApiClient.at(base).get(""), f.a().get("api/users/details"),
                ApiClient.at(base).get("api/users/details"), f.a().get("api/files/a-data.txt"),
                f.a().get("api/workflow/file/" + f.job() + "/" + f.artefact()), f.a().get("api/no-such-thing"))) {
            String csp = reply.header("Content-Security-Policy");
            assertNotNull(csp, "CSP on " + reply.status() + " " + reply.headers().keySet());
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
            assertEquals("DENY", reply.header("X-Frame-Options"));
        }
    }

    @Test
    @Order(10)
    void noPasswordTokenOrHashInAnyAnswer() throws IOException {
        Fixture f = fixture();
        List<ApiClient.Reply> replies = new ArrayList<>();
        for (String path : List.of("api/users/details", "api/workflow/schedule", "api/workflow/jobs/" + f.job(),
                "api/files", "api/workflow/modules", "api/workflow/initialize", "api/admin/users")) {
            replies.add(f.a().get(path));
            replies.add(f.admin().get(path));
        }
        replies.add(f.a().post("api/users/reset", Map.of("currentPassword", "wrong " + RUN, "newPassword", "short")));
        replies.add(f.a().post("api/users/reset", Map.of("currentPassword", "wrong " + RUN,
                "newPassword", "long enough " + RUN)));
        replies.add(ApiClient.at(base).post("api/users/register", Map.of("email", f.aEmail(), "username", "x",
                "password", f.aPassword())));
        replies.add(ApiClient.at(base).post("api/users/login", Map.of("email", "sec-nobody2-" + RUN
                + "@example.org", "password", f.aPassword())));
        for (ApiClient.Reply reply : replies) {
            String all = reply.body() + " " + reply.headers();
            for (String secret : SECRETS) {
                assertFalse(all.contains(secret), "a password or token in an answer: " + reply.body());
            }
            assertFalse(all.contains("PBKDF2"), "a password hash in an answer: " + reply.body());
            assertFalse(all.toLowerCase().contains("password_hash") || all.contains("passwordHash"), reply.body());
        }
    }

    /** Last: the server's log after everything above, searched for every password and token the suite used. */
    @Test
    @Order(100)
    void noPasswordTokenOrHashInTheServerLog() throws IOException {
        fixture();
        String log;
        String where;
        if (Deployments.server().equals("wildfly")) {
            Path file = Path.of(System.getProperty("wildfly.home")).resolve("standalone/log/server.log");
            assertTrue(Files.isRegularFile(file), file.toString());
            log = Files.readString(file, StandardCharsets.ISO_8859_1);
            where = file.toString();
        } else {
            // Payara Micro logs to its console, which the Arquillian adapter copies line by line to System.out
            synchronized (CONSOLE) {
                log = CONSOLE.toString(StandardCharsets.UTF_8);
            }
            where = "Payara Micro's console since this suite started";
        }
        System.out.println("LOG scanned " + log.length() + " characters of " + where + " for " + SECRETS.size()
                + " passwords and tokens");
        for (String secret : SECRETS) {
            assertFalse(log.contains(secret), "a password or token in " + where);
        }
        assertFalse(log.contains("PBKDF2WithHmacSHA512:"), "a password hash in " + where);
    }

    private static void assertJsonError(ApiClient.Reply reply, String what) {
        String type = reply.header("Content-Type");
        assertTrue(type != null && type.startsWith("application/json"), what + ": content type " + type);
        assertFalse(reply.json().getString("error").isBlank(), what);
    }

    /** Copies everything printed to System.out from now on (Payara Micro's console lines among it). */
    private static void captureConsole() {
        PrintStream original = System.out;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (CONSOLE) {
                    CONSOLE.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (CONSOLE) {
                    CONSOLE.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }
}
