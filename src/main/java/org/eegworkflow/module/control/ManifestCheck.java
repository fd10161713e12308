package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Keeps a jar's manifest from widening its class path beyond the module: a URL class loader follows the manifest's
 * {@code Class-Path}, so an entry such as {@code ../../other/lib.jar} would reach another module's or the server's jars.
 */
final class ManifestCheck {

    private ManifestCheck() {
    }

    static void check(String label, InputStream manifest) {
        String classPath;
        try {
            classPath = new Manifest(manifest).getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            throw new InvalidModuleException(label + ": its META-INF/MANIFEST.MF cannot be read (" + e.getMessage()
                    + "): fix or remove the manifest", e);
        }
        if (classPath == null) {
            return;
        }
        for (String entry : classPath.trim().split("\\s+")) {
            if (!entry.isEmpty() && leavesTheModule(entry)) {
                throw new InvalidModuleException(label + ": its manifest's Class-Path entry '" + entry + "' points"
                        + " outside the module: put the jars it needs under lib/ (or beside it in the zip) and list"
                        + " them by relative path, or drop Class-Path");
            }
        }
    }

    private static boolean leavesTheModule(String entry) {
        String path;
        try {
            // the loader reads entries as URLs, so %2e%2e is '..' to it as well
            path = URLDecoder.decode(entry.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (path.startsWith("/") || path.indexOf(':') >= 0 || path.indexOf('\\') >= 0) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
