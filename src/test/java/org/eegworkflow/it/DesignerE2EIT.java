package org.eegworkflow.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eegworkflow.eeg.EegTestData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web designer in a real browser: {@code src/test/e2e/designer.e2e.mjs} drives Debian's chromium (headless, with
 * playwright-core from the frontend's devDependencies) against the deployed WAR: register and log in, build and run
 * the seed's example by dragging and connecting blocks, a refused connection, a failed block, job history, export and
 * import, the BrainVision recording read, filtered, epoched, averaged and plotted, and (with the test blocks module
 * deployed) a running block, stop and restart, and a TABLE download; {@code datasets.e2e.mjs} the study features (a
 * dataset zip described as a table, a mapped block's element grid). Screenshots go to
 * {@code target/e2e-screenshots/<server>}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DesignerE2EIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    private static final long DEADLINE_MINUTES = 10;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // with the test blocks module: a Sleep block to watch running, stop and restart, and Tabulate's TABLE
        return Deployments.warWithTestBlocks();
    }

    @Test
    void theDesignerWorksInABrowser() throws IOException, InterruptedException {
        String log = runScript("designer.e2e.mjs", EegTestData.dir().toString());
        assertTrue(log.contains("PASS build the seed example"), log);
    }

    /**
     * The security scenarios (security.e2e.mjs): markup in a file name, a block error and a text output stays text;
     * the page's headers and its CSP. The script puts a file with a hostile name straight into the server's data
     * folder, since uploads refuse such names.
     */
    @Test
    void serverTextNeverBecomesMarkupOrScript() throws IOException, InterruptedException {
        Path data = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("arquillian-" + Deployments.server());
        String log = runScript("security.e2e.mjs", data.toAbsolutePath().toString());
        assertTrue(log.contains("PASS a block error with a script"), log);
    }

    /**
     * The study scenarios (datasets.e2e.mjs): a BIDS zip the script writes (two subjects, a tiny BrainVision
     * recording each) uploaded with its progress bar and described as a table; Split -> FlakyOn -> Total drawn with
     * FlakyOn as a stack, run with one element failing (one failed cell, the others done), a cell's output opened,
     * and a restart that runs the failed element again and shows the others as reused.
     */
    @Test
    void aDatasetAndAMappedStudyInTheDesigner() throws IOException, InterruptedException {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("e2e-datasets-" + Deployments.server());
        Files.createDirectories(work);
        String log = runScript("datasets.e2e.mjs", work.toAbsolutePath().toString());
        assertTrue(log.contains("PASS map over"), log);
        assertTrue(log.contains("PASS upload a BIDS dataset"), log);
    }

    private String runScript(String name, String extraArgument) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no browser at " + CHROMIUM
                + ": install Debian's chromium (apt-get install chromium) to run the designer's end-to-end tests");
        Path project = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
        Path script = project.resolve("src/test/e2e/" + name);
        assumeTrue(Files.isDirectory(project.resolve("src/main/frontend/node_modules/playwright-core")),
                "playwright-core is not installed: the frontend build (npm ci) was skipped");
        Path shots = project.resolve("target/e2e-screenshots").resolve(Deployments.server());
        Files.createDirectories(shots);
        String url = base.toString();
        Process node = new ProcessBuilder(List.of(System.getProperty("e2e.node", "node"), script.toString(), url,
                shots.toString(), extraArgument))
                .directory(project.toFile()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[e2e] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                System.out.println("[e2e] output lost: " + e);
            }
        });
        pump.start();
        boolean ended = node.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        pump.join(10_000);
        String log;
        synchronized (output) {
            log = output.toString();
        }
        assertTrue(ended, "the end-to-end tests did not end within " + DEADLINE_MINUTES + " minutes:\n" + log);
        assertEquals(0, node.exitValue(), "end-to-end tests failed:\n" + log);
        return log;
    }
}
