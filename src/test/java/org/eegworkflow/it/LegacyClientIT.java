package org.eegworkflow.it;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.eeg.EegTestData;
import org.eegworkflow.module.control.TestModules;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The old EEG Workflow System's own web client against this server: every request as its page sends it (see
 * {@link OldWebClient}) and every answer handled as its code handles it, {@code JSON.parse} where it calls it. The
 * workflows are the old system's documented examples ({@code src/test/resources/legacy}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LegacyClientIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String ADMIN = "admin@example.org";
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @ArquillianResource
    URL base;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    /** The page, logged in: register and login as its forms send them. */
    private OldWebClient loggedIn(String email) {
        OldWebClient page = page();
        // register(): FormData email, username, password; success shows a notice, nothing is parsed
        OldWebClient.Answer registered = page.ajax("POST", "api/users/register", new OldWebClient.FormData()
                .append("email", email).append("username", "Old Client").append("password", PASSWORD), Map.of());
        assertEquals(201, registered.status(), registered.toString());
        login(page, email, PASSWORD);
        return page;
    }

    private OldWebClient page() {
        try {
            return new OldWebClient(base.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** login(): FormData email, password; {@code if (data.id)} on the parsed answer, then its cookies. */
    private static void login(OldWebClient page, String email, String password) {
        OldWebClient.Answer answer = page.ajax("POST", "api/users/login", new OldWebClient.FormData()
                .append("email", email).append("password", password), Map.of());
        assertTrue(answer.success(), answer.toString());
        JsonObject data = assertInstanceOf(JsonObject.class, answer.data(), "login is handed over parsed");
        assertTrue(data.containsKey("id") && !data.isNull("id"), "the page checks data.id");
        page.setJsCookie("email", data.getString("email"));
        page.setJsCookie("token", data.getString("token"));
        page.setJsCookie("username", data.getString("username"));
        assertFalse(data.getBoolean("reset"), "data.reset would open the password dialog");
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** initializeTree(): an empty POST with the page's headers; the answer is used as it comes (parsed). */
    private static JsonArray initializeTree(OldWebClient page) {
        OldWebClient.Answer answer = page.ajax("POST", "api/workflow/initialize", null, page.pageHeaders());
        assertTrue(answer.success(), answer.toString());
        JsonArray blockDefinitions = assertInstanceOf(JsonArray.class, answer.data(), "blocks.register(data)");
        for (JsonValue value : blockDefinitions) {
            JsonObject definition = value.asJsonObject();
            assertEquals(2, definition.getString("module").split(":").length, definition.toString());
            assertNotNull(definition.getString("family"));
            assertNotNull(definition.getString("name"));
        }
        return blockDefinitions;
    }

    /** $("#schedule").click: FormData workflow (blocks.export()) and email; {@code data.job_id} on the answer. */
    private static long schedule(OldWebClient page, String workflow) {
        OldWebClient.Answer answer = page.ajax("POST", "api/workflow/schedule", new OldWebClient.FormData()
                .append("workflow", workflow).append("email", page.jsCookie("email")), page.pageHeaders());
        assertTrue(answer.success(), answer.toString());
        JsonObject data = assertInstanceOf(JsonObject.class, answer.data(), "tracking = data.job_id");
        return data.getJsonNumber("job_id").longValueExact();
    }

    /** POST api/workflow/jobs with FormData jobId, as getWorkflowStatus and getWorkflow send it; JSON.parse(data). */
    private static JsonObject jobDetails(OldWebClient page, long jobId) {
        OldWebClient.Answer answer = page.ajax("POST", "api/workflow/jobs", new OldWebClient.FormData()
                .append("jobId", Long.toString(jobId)), page.pageHeaders());
        assertTrue(answer.success(), answer.toString());
        assertEquals("text/html;charset=utf-8", answer.contentType().toLowerCase().replace(" ", ""));
        return OldWebClient.jsonParse(answer.data()).asJsonObject();
    }

    /**
     * track(jobId): getWorkflowStatus every second until the status is COMPLETED or FAILED (its clearInterval comes
     * after the JSON.parse); populateOutputs with executionStatus.
     */
    private static JsonObject track(OldWebClient page, long jobId) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            JsonObject data = jobDetails(page, jobId);
            assertEquals(jobId, data.getJsonNumber("id").longValueExact());
            assertNotNull(data.getString("startTime"));
            assertNotNull(data.getString("endTime"));
            assertInstanceOf(JsonArray.class, data.containsKey("executionStatus")
                    ? data.get("executionStatus") : data.getJsonObject("workflow").get("blocks"));
            String status = data.getString("status");
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return data;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("job " + jobId + " still " + status + " after " + DEADLINE + ": " + data);
            }
            ApiClient.pause(Duration.ofMillis(250));
        }
    }

    /** populateOutputs: block id to what the block shows. */
    private static Map<Integer, JsonObject> outputs(JsonObject data) {
        Map<Integer, JsonObject> shown = new HashMap<>();
        for (JsonValue value : data.getJsonArray("executionStatus")) {
            JsonObject block = value.asJsonObject();
            shown.put(block.getInt("id"), block);
        }
        return shown;
    }

    /** updateJobsTable(): GET with the page's headers; JSON.parse(data); one row per job. */
    private static List<JsonObject> updateJobsTable(OldWebClient page) {
        OldWebClient.Answer answer = page.ajax("GET", "api/workflow/schedule", null, page.pageHeaders());
        assertTrue(answer.success(), answer.toString());
        assertEquals("text/html;charset=utf-8", answer.contentType().toLowerCase().replace(" ", ""));
        List<JsonObject> rows = new ArrayList<>();
        for (JsonValue job : OldWebClient.jsonParse(answer.data()).asJsonArray()) {
            JsonObject row = job.asJsonObject();
            for (String column : List.of("startTime", "endTime", "status")) {
                assertNotNull(row.getString(column), column);
            }
            row.getJsonNumber("id").longValueExact();
            rows.add(row);
        }
        return rows;
    }

    @Test
    void theOldClientRegistersLogsInSchedulesFollowsListsAndLoadsTheDocumentedExample() {
        String email = unique("old-") + "@example.org";
        OldWebClient page = loggedIn(email);
        // the server's token cookie is HttpOnly: the page could not write its own, and reads none
        assertEquals(null, page.jsCookie("token"));
        assertEquals(OldWebClient.UNDEFINED, page.pageHeaders().get("token"));
        assertEquals(email, page.jsCookie("email"));

        JsonArray palette = initializeTree(page);
        List<JsonObject> plots = palette.stream().map(JsonValue::asJsonObject)
                .filter(b -> b.getString("name").equals("Plot")).toList();
        assertEquals(1, plots.size(), "the palette shows one Plot");
        assertEquals("Graph", plots.get(0).getString("family"), "in the old family");

        String workflow = Workflows.resource("/legacy/arithmetic-40-30.json");
        long jobId = schedule(page, workflow);
        JsonObject done = track(page, jobId);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<Integer, JsonObject> shown = outputs(done);
        assertEquals("40", shown.get(1).getJsonObject("output").getString("value"));
        assertEquals("30", shown.get(2).getJsonObject("output").getString("value"));
        assertEquals("STRING", shown.get(3).getJsonObject("output").getString("type"));
        assertEquals("70", shown.get(3).getJsonObject("output").getString("value"));
        assertTrue(shown.get(3).getBoolean("completed"));

        List<JsonObject> rows = updateJobsTable(page);
        assertEquals(jobId, rows.get(0).getJsonNumber("id").longValueExact(), "newest first");
        assertEquals("COMPLETED", rows.get(0).getString("status"));

        // getWorkflow(jobId), the Load button: blocks.load(data.workflow)
        JsonObject loaded = jobDetails(page, jobId);
        JsonObject loadedWorkflow = loaded.getJsonObject("workflow");
        JsonObject sent = OldWebClient.jsonParse(workflow).asJsonObject();
        assertEquals(sent.getJsonArray("edges"), loadedWorkflow.getJsonArray("edges"));
        assertEquals(3, loadedWorkflow.getJsonArray("blocks").size());
        for (int i = 0; i < 3; i++) {
            JsonObject block = loadedWorkflow.getJsonArray("blocks").getJsonObject(i);
            JsonObject original = sent.getJsonArray("blocks").getJsonObject(i);
            for (String field : List.of("id", "x", "y", "type", "module", "values")) {
                assertEquals(original.get(field), block.get(field), field);
            }
        }
    }

    @Test
    void theFileBrowserUploadsARecordingWhosePathAnEegWorkflowReads() throws Exception {
        OldWebClient page = loggedIn(unique("old-files-") + "@example.org");
        ElFinder finder = new ElFinder();

        // $('#elfinder').elfinder({url: 'elfinder/connector', transport: new elFinderSupportVer1()}): the first open
        OldWebClient.Answer opened = page.elfinder(Map.of("cmd", "open", "target", "", "init", 1, "tree", 1));
        assertEquals(200, opened.status(), opened.toString());
        JsonObject open = finder.open(opened);
        assertTrue(open.containsKey("params"), "init: !!data.params");
        assertEquals("Home", open.getJsonObject("cwd").getString("rel"));
        String root = open.getJsonObject("cwd").getString("hash");

        // mkdir: the transport copies target to current
        JsonObject made = finder.update(page.elfinder(Map.of("cmd", "mkdir", "target", root, "name", "recordings",
                "current", root)));
        String recordings = made.getJsonArray("select").getString(0);
        assertEquals("recordings", finder.name(recordings));

        // double click on the folder: open it (the transport adds tree=1)
        JsonObject inside = finder.open(page.elfinder(Map.of("cmd", "open", "target", recordings, "tree", 1)));
        assertEquals("Home/recordings", inside.getJsonObject("cwd").getString("rel"));

        // upload: elFinder's own XMLHttpRequest, FormData cmd, current and the files as upload[]
        OldWebClient.FormData upload = new OldWebClient.FormData().append("cmd", "upload")
                .append("current", recordings);
        for (String name : List.of("test.vhdr", "test.vmrk", "test.eeg")) {
            upload.appendFile("upload[]", EegTestData.file("brainvision-mne/" + name), name,
                    "application/octet-stream");
        }
        OldWebClient.Answer uploaded = page.elfinderUpload(upload);
        assertEquals(200, uploaded.status(), uploaded.toString());
        JsonObject afterUpload = finder.update(uploaded.status(), OldWebClient.jsonParse(uploaded.responseText()));
        assertEquals(3, afterUpload.getJsonArray("select").size());
        assertEquals(List.of("test.eeg", "test.vhdr", "test.vmrk"), finder.namesIn(recordings));

        // getFileCallback(file): button.nextSibling.value = file.path
        String vhdr = finder.hashOf(recordings, "test.vhdr");
        String fileValue = finder.path(vhdr);
        assertEquals("Home/recordings/test.vhdr", fileValue);

        // the file itself, as the version 1 transport asks for its content (open with current) and as a link does
        byte[] expected = Files.readAllBytes(EegTestData.file("brainvision-mne/test.vhdr"));
        OldWebClient.Answer bytes = page.follow("elfinder/connector?cmd=open&target=" + vhdr + "&current="
                + recordings);
        assertEquals(200, bytes.status());
        assertArrayEquals(expected, bytes.bytes());
        assertArrayEquals(expected, page.follow("elfinder/connector?cmd=file&target=" + vhdr).bytes());

        // paste (copy), rename and rm, in the urlencoded form elFinder posts with requestType 'post'
        JsonObject scratch = finder.update(page.elfinderPost(Map.of("cmd", "mkdir", "target", root,
                "name", "scratch", "current", root)));
        String scratchHash = scratch.getJsonArray("select").getString(0);
        finder.update(page.elfinderPost(Map.of("cmd", "paste", "current", scratchHash, "src", recordings,
                "dst", scratchHash, "targets", List.of(finder.hashOf(recordings, "test.vmrk")), "cut", 0)));
        finder.open(page.elfinder(Map.of("cmd", "open", "target", scratchHash, "tree", 1)));
        assertEquals(List.of("test.vmrk"), finder.namesIn(scratchHash));
        JsonObject renamed = finder.update(page.elfinderPost(Map.of("cmd", "rename", "current", root,
                "target", scratchHash, "name", "old")));
        String old = renamed.getJsonArray("select").getString(0);
        assertEquals("old", finder.name(old));
        JsonObject removed = finder.update(page.elfinderPost(Map.of("cmd", "rm", "current", root,
                "targets", List.of(old))));
        assertFalse(removed.getJsonArray("cdc").stream()
                .anyMatch(f -> f.asJsonObject().getString("name").equals("old")));

        // a hash that names a path out of the data folder is refused
        String escape = "h_" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("../../".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, page.elfinder(Map.of("cmd", "open", "target", escape)).status());

        // the documented EEG workflow, its EEG File chosen in the browser
        String workflow = Workflows.resource("/legacy/eeg-docs.json").replace("FILE_FROM_CONNECTOR", fileValue);
        JsonObject done = track(page, schedule(page, workflow));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<Integer, JsonObject> shown = outputs(done);
        for (int id : List.of(1, 5, 4, 9, 8, 15, 16)) {
            assertFalse(shown.get(id).getBoolean("error"), shown.get(id).toString());
            assertTrue(shown.get(id).getBoolean("completed"), shown.get(id).toString());
        }
        assertTrue(shown.get(16).getJsonObject("output").getString("value").contains("Fz"),
                shown.get(16).toString());

        // another user's browser sees none of it
        OldWebClient other = loggedIn(unique("old-other-") + "@example.org");
        JsonObject theirs = new ElFinder().open(other.elfinder(Map.of("cmd", "open", "target", "", "init", 1,
                "tree", 1)));
        assertEquals(0, theirs.getJsonArray("cdc").size());
        assertEquals(404, other.elfinder(Map.of("cmd", "file", "target", vhdr)).status());
        // and without a session there is no connector
        OldWebClient anonymous = page();
        assertEquals(401, anonymous.elfinder(Map.of("cmd", "open", "target", "", "init", 1)).status());
    }

    @Test
    void afterResetThePageGoesOnAndTheOldSessionStaysRevoked() {
        String email = unique("old-reset-") + "@example.org";
        OldWebClient page = loggedIn(email);
        String before = page.browserCookie("token");
        String newPassword = "another horse battery";
        // reset(): FormData currentPassword, newPassword, the page's headers; success hides the dialog
        OldWebClient.Answer reset = page.ajax("POST", "api/users/reset", new OldWebClient.FormData()
                .append("currentPassword", PASSWORD).append("newPassword", newPassword), page.pageHeaders());
        assertEquals(200, reset.status(), reset.toString());
        String after = page.browserCookie("token");
        assertNotNull(after, "a fresh token cookie");
        assertFalse(after.equals(before));

        // the next call of the page works: the job table
        assertEquals(List.of(), updateJobsTable(page));
        initializeTree(page);

        // the old cookie is revoked: 403 for the old client (it reacts to 403), 401 for anyone else
        OldWebClient stale = page();
        stale.setJsCookie("email", email);
        stale.keepCookie("token", before);
        OldWebClient.Answer refused = stale.ajax("GET", "api/workflow/schedule", null, stale.pageHeaders());
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(OldWebClient.jsonParse(refused.responseText()).asJsonObject().getString("error")
                .contains("log in again"), refused.responseText());
        ApiClient script = ApiClient.at(base).useToken(before, false);
        assertEquals(401, script.get("api/workflow/schedule").status());

        // logging in with the new password works
        login(page(), email, newPassword);
    }

    @Test
    void theTokenHeaderIsACredentialAndRefusalsAre403ForTheOldClientOnly() {
        String email = unique("old-header-") + "@example.org";
        OldWebClient page = loggedIn(email);
        String token = page.browserCookie("token");
        // a page whose browser sends no token cookie (the old server's own page wrote it by script), only the header
        OldWebClient headerOnly = page();
        OldWebClient.Answer jobs = headerOnly.ajax("GET", "api/workflow/schedule", null,
                Map.of("email", email, "token", token));
        assertEquals(200, jobs.status(), jobs.toString());
        assertEquals(List.of(), OldWebClient.jsonParse(jobs.data()).asJsonArray());

        // no session at all: the old client is told 403 with the error, as the old server told it
        OldWebClient loggedOut = page();
        OldWebClient.Answer refused = loggedOut.ajax("GET", "api/workflow/schedule", null, loggedOut.pageHeaders());
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.contentType().startsWith("application/json"), refused.contentType());
        assertTrue(OldWebClient.jsonParse(refused.responseText()).asJsonObject().containsKey("error"));

        // other clients see the API unchanged: JSON as JSON, 401 without a session, the header is no credential
        ApiClient script = ApiClient.at(base).useToken(token, false);
        ApiClient.Reply list = script.get("api/workflow/schedule");
        assertEquals(200, list.status());
        assertTrue(list.header("Content-Type").startsWith("application/json"), list.header("Content-Type"));
        ApiClient.Reply anonymous = ApiClient.at(base).get("api/workflow/schedule");
        assertEquals(401, anonymous.status());
        OldWebClient tokenOnly = page();
        assertEquals(401, tokenOnly.ajax("GET", "api/workflow/schedule", null, Map.of("token", token)).status(),
                "the token header alone (without the old client's email header) is not the old client");
    }

    @Test
    void uploadWithPublicOnIsRefusedToAPlainUserWithWhatToAskForAndStoredForAnAuthor() {
        // the admin first: on a new server the first account becomes an admin, and this user must not be it
        ApiClient admin = ApiClient.at(base);
        if (admin.post("api/users/login", Map.of("email", ADMIN, "password", PASSWORD)).status() != 200) {
            admin.register(ADMIN, "Admin", PASSWORD);
        }
        admin.login(ADMIN, PASSWORD);
        String email = unique("old-author-") + "@example.org";
        OldWebClient page = loggedIn(email);
        String archive = unique("OldLab") + ".zip";
        Path zip = TestModules.archive().sources(Workflows.resource("/modules/lab/org/example/lab/Scale.java"))
                .writeJar(dir.resolve(archive));
        // $("#importSubmit"): FormData of the form, the file and the checked "Make this Zip public" box
        OldWebClient.FormData form = new OldWebClient.FormData().appendFile("file", zip, archive, "application/zip")
                .append("public", "on");
        OldWebClient.Answer refused = page.ajax("POST", "api/workflow/upload", form, page.pageHeaders());
        assertEquals(403, refused.status(), refused.toString());
        // alertify.notify(e.responseText): what the user reads
        assertTrue(refused.responseText().contains("ask an admin to give your account " + email
                + " the author role"), refused.responseText());

        long id = admin.get("api/admin/users").jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(u -> u.getString("email").equals(email)).findFirst().orElseThrow()
                .getJsonNumber("id").longValueExact();
        assertEquals(200, admin.send("PUT", "api/admin/users/" + id + "/roles/author").status());

        OldWebClient.Answer stored = page.ajax("POST", "api/workflow/upload", new OldWebClient.FormData()
                .appendFile("file", zip, archive, "application/zip").append("public", "on"), page.pageHeaders());
        assertEquals(200, stored.status(), stored.toString());
        JsonObject data = assertInstanceOf(JsonObject.class, stored.data(), "data.new_blocks_length");
        assertEquals(1, data.getInt("new_blocks_length"));
        String module = archive + ":" + archive.substring(0, archive.length() - 4);
        JsonObject scale = initializeTree(page).stream().map(JsonValue::asJsonObject)
                .filter(b -> b.getString("module").equals(module)).findFirst().orElseThrow();
        assertTrue(scale.getBoolean("public"), "public=on made the module public: " + scale);
    }

    @Test
    void theOldPlotWorkflowRuns() {
        OldWebClient page = loggedIn(unique("old-plot-") + "@example.org");
        JsonObject done = track(page, schedule(page, Workflows.resource("/legacy/arithmetic-plot.json")));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Map<Integer, JsonObject> shown = outputs(done);
        assertEquals("2300", shown.get(3).getJsonObject("output").getString("value"));
        JsonObject graph = shown.get(4).getJsonObject("output");
        assertEquals("GRAPH", graph.getString("type"));
        // the "Open Graph" link: api/workflow/file/<job>/<filename>, followed by the browser
        OldWebClient.Answer png = page.follow("api/workflow/file/" + done.getJsonNumber("id").longValueExact() + "/"
                + graph.getJsonObject("value").getString("filename"));
        assertEquals(200, png.status());
        assertArrayEquals(PNG, Arrays.copyOf(png.bytes(), 4));
    }

    /**
     * What elFinder knows of the files after the version 1 transport normalised each answer: hash to name and
     * parent; {@code fm.path(hash)} joins the names from the root with the separator ('/' here).
     */
    private static final class ElFinder {
        private final Map<String, String[]> files = new HashMap<>();

        JsonObject open(OldWebClient.Answer answer) {
            assertEquals(200, answer.status(), answer.toString());
            JsonObject data = assertInstanceOf(JsonObject.class, answer.data());
            return update(answer.status(), data);
        }

        JsonObject update(OldWebClient.Answer answer) {
            assertEquals(200, answer.status(), answer.toString());
            return update(answer.status(), assertInstanceOf(JsonObject.class, answer.data()));
        }

        JsonObject update(int status, JsonValue value) {
            assertEquals(200, status);
            JsonObject data = value.asJsonObject();
            assertFalse(data.containsKey("error"), data.toString());
            JsonObject cwd = data.getJsonObject("cwd");
            String phash = cwd.getString("hash");
            assertNotNull(cwd.getString("rel"));
            if (data.containsKey("tree")) {
                traverse(data.getJsonObject("tree"), null);
            }
            for (JsonValue entry : data.getJsonArray("cdc")) {
                JsonObject file = entry.asJsonObject();
                for (String field : List.of("hash", "name", "mime")) {
                    assertNotNull(file.getString(field), field);
                }
                files.put(file.getString("hash"), new String[] {file.getString("name"), phash});
            }
            if (!files.containsKey(phash)) {
                files.put(phash, new String[] {cwd.getString("name"), null});
            }
            return data;
        }

        private void traverse(JsonObject dir, String phash) {
            files.put(dir.getString("hash"), new String[] {dir.getString("name"), phash});
            for (JsonValue child : dir.getJsonArray("dirs")) {
                traverse(child.asJsonObject(), dir.getString("hash"));
            }
        }

        String name(String hash) {
            return files.get(hash)[0];
        }

        List<String> namesIn(String parent) {
            return files.values().stream().filter(f -> parent.equals(f[1])).map(f -> f[0]).sorted().toList();
        }

        String hashOf(String parent, String name) {
            return files.entrySet().stream().filter(e -> parent.equals(e.getValue()[1])
                    && name.equals(e.getValue()[0])).map(Map.Entry::getKey).findFirst().orElseThrow();
        }

        String path(String hash) {
            List<String> names = new ArrayList<>();
            for (String h = hash; h != null && files.containsKey(h); h = files.get(h)[1]) {
                names.add(0, files.get(h)[0]);
            }
            return String.join("/", names);
        }
    }
}
