package org.eegworkflow.job.control.executor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import org.eegworkflow.platform.Settings;

/**
 * The app's own classes and libraries ({@code WEB-INF/classes}, {@code WEB-INF/lib}, and {@code WEB-INF/worker-lib}:
 * the JSON-P a server would provide), placed once in the shared data
 * folder ({@code <data>/slurm/app/<hash of their contents>/}) for block workers on the compute nodes: they run the
 * very blocks and codecs this server runs, with no container and no install on the nodes but a JDK. Copied through
 * the servlet context, the one view of a deployment both servers give alike.
 */
@ApplicationScoped
public class WorkerClasspath {

    /**
     * The deployment's servlet context, kept from the application's start: an injected one is, on Payara, a proxy
     * bound to a request, and blocks are handed to Slurm on batch threads, outside any request.
     */
    private volatile ServletContext servlet;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        this.servlet = context;
    }

    @Inject
    Settings settings;

    private String classpath;

    /** The class path of a worker (made on first use). */
    public synchronized String get() {
        if (classpath == null) {
            try {
                Path dir = place(settings.dataDir().resolve("slurm").resolve("app"));
                classpath = String.join(java.io.File.pathSeparator, dir.resolve("classes").toString(),
                        dir.resolve("lib") + "/*", dir.resolve("worker-lib") + "/*");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the app's classes could not be placed for Slurm workers", e);
            }
        }
        return classpath;
    }

    private Path place(Path apps) throws IOException {
        if (servlet == null) {
            throw new IllegalStateException("the app's classes are not known yet: the application has not started");
        }
        Files.createDirectories(apps);
        Path staging = Files.createTempDirectory(apps, ".staging-");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> files = new ArrayList<>();
        collect("/WEB-INF/classes/", files);
        collect("/WEB-INF/lib/", files);
        // JSON-P, which the modules use and a server provides: the build puts it there for the workers
        collect("/WEB-INF/worker-lib/", files);
        for (String resource : files) {
            Path target = staging.resolve(resource.substring("/WEB-INF/".length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = servlet.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                digest.update(resource.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (DigestInputStream hashed = new DigestInputStream(in, digest);
                     OutputStream out = Files.newOutputStream(target)) {
                    hashed.transferTo(out);
                }
            }
        }
        Files.createDirectories(staging.resolve("classes"));
        Files.createDirectories(staging.resolve("lib"));
        Files.createDirectories(staging.resolve("worker-lib"));
        Path placed = apps.resolve(HexFormat.of().formatHex(digest.digest()).substring(0, 16));
        if (Files.isDirectory(placed)) {
            delete(staging);
        } else {
            try {
                Files.move(staging, placed, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another app server placed the same classes first
                delete(staging);
                if (!Files.isDirectory(placed)) {
                    throw raced;
                }
            }
        }
        return placed;
    }

    private void collect(String folder, List<String> files) {
        Set<String> entries = servlet.getResourcePaths(folder);
        if (entries == null) {
            return;
        }
        for (String entry : new TreeSet<>(entries)) {
            if (entry.endsWith("/")) {
                collect(entry, files);
            } else {
                files.add(entry);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
