package org.eegworkflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eegworkflow.testsupport.TestPostgres;

/**
 * A server started exactly as the README starts it (server-config/&lt;server&gt;/run.sh), on its own ports and data
 * folder, for tests that stop and start the server itself.
 *
 * <p>In the build's WildFly + PostgreSQL run (system property {@code it.postgres.dir}: the build's {@link TestPostgres};
 * {@code wildfly.home}: the WildFly configured with postgresql.cli), a WildFly gets the database of its data folder
 * (one per folder, created empty the first time, so a restart on the same folder finds its data), unless the caller's
 * environment names one ({@code EEGWF_DB_URL}), for example to start two servers on one database. The data folders
 * of that run ({@code it.work.dir}) are emptied whenever the build starts a new PostgreSQL: files of jobs whose
 * database is gone would otherwise be taken for those of new jobs with the same ids.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final URI base;

    private ServerProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts the server of this test run with the build's WAR.
     *
     * @param portOffset added to 8080 (and, on WildFly, to every other port), on top of the build's
     *                   {@code it.port.offset}
     */
    public static ServerProcess start(String server, Path dataDir, int portOffset, Map<String, String> env) {
        return start(server, Path.of(System.getProperty("war.file", "target/eeg-workflow.war")), dataDir, portOffset,
                env);
    }

    /** Starts the server of this test run with the given WAR. */
    public static ServerProcess start(String server, Path warFile, Path dataDir, int portOffset,
                                      Map<String, String> env) {
        String home = switch (server) {
            case "wildfly" -> System.getProperty("wildfly.home");
            case "payara" -> System.getProperty("payara.micro.jar");
            default -> throw new IllegalArgumentException("unknown server " + server);
        };
        return start(server, Path.of(home), warFile, dataDir, portOffset, env);
    }

    /**
     * Starts a server from another installation than the build's: a WildFly home configured otherwise (with
     * {@code server-config/wildfly/apply.sh}), or a Payara Micro jar.
     */
    public static ServerProcess start(String server, Path serverHome, Path warFile, Path dataDir, int portOffset,
                                      Map<String, String> env) {
        Path config = Path.of(System.getProperty("server.config.dir", "server-config"));
        int offset = portOffset + Integer.getInteger("it.port.offset", 0);
        String war = warFile.toString();
        List<String> command = switch (server) {
            case "wildfly" -> List.of("bash", config.resolve("wildfly/run.sh").toString(), serverHome.toString(),
                    war, dataDir.toString());
            case "payara" -> List.of("bash", config.resolve("payara/run.sh").toString(), serverHome.toString(),
                    war, dataDir.toString());
            default -> throw new IllegalArgumentException("unknown server " + server);
        };
        try {
            Files.createDirectories(dataDir);
            // nodes sharing one data folder (EEGWF_NODE) keep their logs apart
            String node = env.containsKey("EEGWF_NODE") ? env.get("EEGWF_NODE") + "-" : "";
            Path log = dataDir.resolve("server-" + node + Instant.now().toEpochMilli() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("EEGWF_PORT_OFFSET", Integer.toString(offset));
            builder.environment().put("EEGWF_JAVA_OPTS", System.getProperty("it.server.java.opts", "-Xmx1g"));
            if (server.equals("wildfly")) {
                builder.environment().putAll(postgresEnvironment(dataDir, env));
            }
            builder.environment().putAll(env);
            ServerProcess started = new ServerProcess(builder.start(), log,
                    URI.create("http://127.0.0.1:" + (8080 + offset) + "/"));
            started.awaitHealthy();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the build's WildFly in {@code copy} with a server-config/wildfly script applied by apply.sh, as an
     * admin applies it (postgresql.cli gets the build's PostgreSQL driver, target/postgresql.jar). Kept between runs:
     * apply.sh applies a script only when it changed.
     */
    public static Path wildflyConfiguredWith(String script, Path copy) {
        Path config = Path.of(System.getProperty("server.config.dir", "server-config"));
        Path original = Path.of(System.getProperty("wildfly.home"));
        Path driver = Path.of(System.getProperty("project.basedir", ".")).resolve("target/postgresql.jar");
        try {
            if (!Files.isDirectory(copy.resolve("bin"))) {
                Files.createDirectories(copy.getParent());
                run(List.of("cp", "-a", original.toString(), copy.toString()), Map.of());
            }
            run(List.of("bash", config.resolve("wildfly/apply.sh").toString(), copy.toString(),
                    config.resolve("wildfly/" + script).toAbsolutePath().toString()),
                    Map.of("EEGWF_JDBC_DRIVER", driver.toAbsolutePath().toString()));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The database settings of a WildFly on the build's test PostgreSQL; none when the build runs on H2. */
    static Map<String, String> postgresEnvironment(Path dataDir, Map<String, String> env) {
        String folder = System.getProperty("it.postgres.dir", "");
        if (folder.isBlank()) {
            return Map.of();
        }
        TestPostgres pg = TestPostgres.attach(Path.of(folder));
        Map<String, String> result = new HashMap<>();
        result.put("EEGWF_DB_USER", pg.user());
        result.put("EEGWF_DB_PASSWORD", pg.password());
        if (!env.containsKey("EEGWF_DB_URL")) {
            try {
                result.put("EEGWF_DB_URL", pg.database(databaseName(dataDir)));
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the database for " + dataDir, e);
            }
        }
        return result;
    }

    /** A database name of the data folder: stable across restarts, distinct between folders. */
    static String databaseName(Path dataDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "eegwf_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }

    public ApiClient client() {
        return new ApiClient(base);
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ApiClient.pause(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("the server did not become healthy within " + START_TIMEOUT + "; log:\n"
                + tail());
    }

    /**
     * The server's JVM: the process itself on Payara (run.sh execs java), a child of standalone.sh on WildFly.
     */
    public ProcessHandle jvm() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                        process.toHandle().descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no java process under the server"));
    }

    /** A line of the JVM's /proc status (Linux), e.g. VmHWM, the peak resident set, in kB. */
    public long procStatusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm().pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
            throw new IllegalStateException("no " + field + " in the JVM's /proc status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a thread dump of the server's JVM, with the owners of locks ({@code jcmd Thread.print -l}), beside its
     * log, so that a test that finds the server stuck leaves what it was stuck on.
     *
     * @return the dump's file
     */
    public Path threadDump() {
        Path dump = log.resolveSibling("threads-" + Instant.now().toEpochMilli() + ".txt");
        try {
            Process process = new ProcessBuilder(jdkTool("jcmd"), Long.toString(jvm().pid()), "Thread.print", "-l")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return dump;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A tool of the JDK running the tests (jcmd, jstat), or its bare name for the PATH when it has none. */
    static String jdkTool(String name) {
        String home = System.getProperty("java.home");
        Path tool = (home.endsWith("/jre") ? Path.of(home).getParent() : Path.of(home)).resolve("bin").resolve(name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    /** The last lines of the server's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the server's JVM outright (SIGKILL), as a power cut or the OOM killer would. */
    public void kill() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the server did not die", e);
        }
    }

    /** Stops the server the way an admin's Ctrl-C does, and waits for it to be gone. */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
            throw new IllegalStateException("the server did not stop", e);
        }
    }
}
