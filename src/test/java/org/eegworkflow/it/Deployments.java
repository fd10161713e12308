package org.eegworkflow.it;

import java.io.File;

import org.eegworkflow.sdk.BlockModule;
import org.eegworkflow.testblocks.TestBlocksModule;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, as the container tests deploy it. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive war() {
        String path = System.getProperty("war.file", "target/eeg-workflow.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }

    /** The WAR with the test blocks module (slow, flaky, busy blocks) packaged in, as a lab would add its own. */
    public static WebArchive warWithTestBlocks() {
        JavaArchive blocks = ShrinkWrap.create(JavaArchive.class, "test-blocks.jar")
                .addPackage(TestBlocksModule.class.getPackage())
                .addAsServiceProvider(BlockModule.class, TestBlocksModule.class);
        return war().addAsLibrary(blocks);
    }

    /** {@link #warWithTestBlocks()} as a file, for tests that start the server with the run script. */
    public static java.nio.file.Path exportWarWithTestBlocks(java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("eeg-workflow.war");
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        warWithTestBlocks().as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** Which server this run of the container tests is on: "wildfly" or "payara". */
    public static String server() {
        return System.getProperty("it.server", "wildfly");
    }
}
