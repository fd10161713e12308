package org.eegworkflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two-node Slurm cluster of {@code server-config/slurm/local-cluster.sh} (n1, n2 on 127.0.0.1), started for a
 * test and stopped after it; its commands are Slurm's own, found through {@link #conf()}.
 */
public final class LocalSlurm implements AutoCloseable {
    private final Path home;

    private LocalSlurm(Path home) {
        this.home = home;
    }

    /** Starts the cluster with its state in {@code home} (a short path: munge's socket lives there). */
    public static LocalSlurm start(Path home) {
        LocalSlurm slurm = new LocalSlurm(home);
        slurm.script("stop");
        String out = slurm.script("start");
        if (!out.contains("SLURM_CONF")) {
            throw new IllegalStateException("the local Slurm cluster did not start:\n" + out);
        }
        return slurm;
    }

    /** The cluster's slurm.conf, for SLURM_CONF. */
    public Path conf() {
        return home.resolve("slurm.conf");
    }

    /** A Slurm command's output (squeue, scontrol, ...), run against this cluster. */
    public String command(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        return run(command);
    }

    private String script(String action) {
        return run(List.of("bash", Path.of(System.getProperty("server.config.dir", "server-config"))
                .resolve("slurm/local-cluster.sh").toString(), action));
    }

    private String run(List<String> command) {
        try {
            Path out = Files.createTempFile("local-slurm", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("EEGWF_SLURM_HOME", home.toString());
            builder.environment().put("SLURM_CONF", conf().toString());
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within 3 minutes");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        script("stop");
    }
}
