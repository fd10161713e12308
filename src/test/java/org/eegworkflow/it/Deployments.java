package org.eegworkflow.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, as the container tests deploy it. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive war() {
        String path = System.getProperty("war.file", "target/eeg-workflow.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }

    /** Which server this run of the container tests is on: "wildfly" or "payara". */
    public static String server() {
        return System.getProperty("it.server", "wildfly");
    }
}
