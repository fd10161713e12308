package org.eegworkflow.it;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.eegworkflow.module.control.TestModules;
import org.eegworkflow.testblocks.Failure;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors on a real server: a block that throws an OutOfMemoryError (real ones: an array larger than the heap, one over
 * the VM's limit; and a thrown one), a real StackOverflowError, a NoClassDefFoundError, an AssertionError, an
 * InternalError, a bare Throwable, and a block whose output's codec throws an Error while the engine checkpoints it.
 * Each job ends FAILED with the reason in its details, never RUNNING, and the next job completes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }


    /** The failing block as block 1, an independent constant + addition as blocks 2 and 3. */
    private static String workflow(String type, Failure failure) {
        return new WorkflowJson().test(1, type, Map.of("failure", failure.name())).constant(2, 21)
                .arithmetic(3, "Addition").edge(2, "output", 3, "num1").edge(2, "output", 3, "num2").json();
    }

    private void failsWithTheReasonAndTheNextJobRuns(ApiClient client, String type, Failure failure) {
        JsonObject details = client.awaitJob(client.schedule(workflow(type, failure)), DEADLINE);
        String what = type + " " + failure + ": " + details;
        assertEquals("FAILED", details.getString("status"), what);
        JsonObject block = ApiClient.blocks(details).get(1);
        assertEquals("FAILED", block.getString("status"), what);
        assertTrue(block.getString("stderr").contains(failure.sentence()), what);
        assertTrue(details.getString("error").startsWith("a block failed: block 1 (" + type + "): "), what);
        assertTrue(details.getString("error").contains(failure.sentence()), what);
        assertEquals("42", ApiClient.blocks(details).get(3).getJsonObject("output").getString("value"),
                "the independent branch finished: " + what);

        JsonObject next = client.awaitJob(client.schedule(new WorkflowJson().constant(1, 35).arithmetic(2, "Addition")
                .edge(1, "output", 2, "num1").edge(1, "output", 2, "num2").json()), DEADLINE);
        assertEquals("COMPLETED", next.getString("status"), "the next job after " + what);
        assertEquals("70", ApiClient.blocks(next).get(2).getJsonObject("output").getString("value"));
    }

    @Test
    void aBlockThatThrowsAnyThrowableFailsItsJobWithTheReasonAndTheServerGoesOn() {
        ApiClient client = ApiClient.newUser(base);
        for (Failure failure : Failure.values()) {
            failsWithTheReasonAndTheNextJobRuns(client, "Throw", failure);
        }
        JsonObject oom = client.awaitJob(client.schedule(workflow("Throw", Failure.OOM_HEAP)), DEADLINE);
        assertTrue(ApiClient.blocks(oom).get(1).getString("stderr")
                .contains("the block declares it needs about 40 MB (@BlockType memoryMb)"), oom.toString());
        assertEquals(200, client.get("api/health").status(), "the server is healthy");
    }

    /**
     * A real NoClassDefFoundError: a module whose block uses a helper class its archive does not carry (as a module
     * built against a library it did not package), uploaded by an author and run.
     */
    @Test
    void aModuleMissingAClassItNeedsFailsItsBlockSayingSoAndTheServerGoesOn() throws Exception {
        String password = "correct horse battery";
        ApiClient admin = ApiClient.at(base);
        if (admin.post("api/users/login", Map.of("email", "admin@example.org", "password", password)).status() != 200) {
            admin.register("admin@example.org", "Admin", password);
        }
        admin.login("admin@example.org", password);
        ApiClient author = ApiClient.newUser(base);
        long authorId = author.get("api/users/details").json().getJsonNumber("id").longValueExact();
        assertEquals(200, admin.send("PUT", "api/admin/users/" + authorId + "/roles/author").status());

        Map<String, byte[]> classes = new java.util.LinkedHashMap<>(TestModules.compile("""
                package org.example.lab;
                public class Helper {
                    public double value() { return 42; }
                }
                """, """
                package org.example.lab;
                import org.eegworkflow.sdk.*;
                @BlockType(name = "UsesHelper", family = "Lab")
                public class UsesHelper {
                    @BlockOutput(name = "out", type = Types.NUMBER)
                    double out;
                    @BlockExecute
                    public void execute() { out = new Helper().value(); }
                }
                """));
        assertTrue(classes.remove("org/example/lab/Helper.class") != null, classes.keySet().toString());
        String archive = "Missing" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".jar";
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("errors-it");
        ApiClient.Reply upload;
        try {
            upload = author.upload(TestModules.archive().classes(classes).writeJar(dir.resolve(archive)), archive,
                    null);
        } finally {
            org.eegworkflow.platform.Folders.deleteRecursively(dir);
        }
        assertEquals(200, upload.status(), upload.body());
        String module = upload.json().getString("module");

        JsonObject details = author.awaitJob(author.schedule(new WorkflowJson().block(1, module, "UsesHelper",
                Map.of()).json()), DEADLINE);
        assertEquals("FAILED", details.getString("status"), details.toString());
        String stderr = ApiClient.blocks(details).get(1).getString("stderr");
        assertTrue(stderr.startsWith("this block could not load a class it needs: "), stderr);
        assertTrue(stderr.contains("java.lang.NoClassDefFoundError: org/example/lab/Helper"), stderr);
        assertTrue(details.getString("error").contains("could not load a class it needs"), details.toString());
        failsWithTheReasonAndTheNextJobRuns(author, "Throw", Failure.LINKAGE);
    }

    @Test
    void anErrorWhileTheEngineCheckpointsAnOutputFailsTheJobWithTheReason() {
        ApiClient client = ApiClient.newUser(base);
        for (Failure failure : new Failure[]{Failure.OOM_THROWN, Failure.OOM_ARRAY_LIMIT, Failure.STACK_OVERFLOW,
                Failure.LINKAGE}) {
            JsonObject details = client.awaitJob(client.schedule(workflow("Poison", failure)), DEADLINE);
            String what = failure + ": " + details;
            assertEquals("FAILED", details.getString("status"), what);
            String stderr = ApiClient.blocks(details).get(1).getString("stderr");
            assertTrue(stderr.startsWith("storing this block's result (its outputs' checkpoint for a restart) "), what);
            assertTrue(stderr.contains(failure.sentence()), what);
            assertTrue(details.getString("error").startsWith("a block failed: block 1 (Poison): storing "), what);
        }
        failsWithTheReasonAndTheNextJobRuns(client, "Throw", Failure.OOM_THROWN);
        assertEquals(200, client.get("api/health").status());
    }
}
