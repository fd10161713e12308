package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The identity of the built-in modules for the result cache: one value per build of the WAR (its version and build
 * time, filtered into {@code eegwf-build.properties} by Maven), so a deployment with other built-in code never
 * reuses results the old code made. Without the resource (a run from an IDE) every start of the server counts as a
 * build of its own: nothing is reused across starts, which is safe.
 */
public final class BuildId {
    private static final String VALUE = read();

    private BuildId() {
    }

    public static String value() {
        return VALUE;
    }

    private static String read() {
        try (InputStream in = BuildId.class.getClassLoader().getResourceAsStream("eegwf-build.properties")) {
            if (in != null) {
                Properties build = new Properties();
                build.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                String id = build.getProperty("build", "").trim();
                if (!id.isEmpty() && !id.contains("${")) {
                    return id;
                }
            }
        } catch (IOException e) {
            // unreadable: as if absent
        }
        return "started " + System.currentTimeMillis() + " " + java.util.UUID.randomUUID();
    }
}
