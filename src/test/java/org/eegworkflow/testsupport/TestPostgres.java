package org.eegworkflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.eegworkflow.platform.Folders;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away PostgreSQL cluster on 127.0.0.1 from the machine's initdb and pg_ctl (Debian's {@code postgresql}
 * package), with the role {@code eegwf} (random password) owning the database {@code eegwf}, as an admin would set one
 * up for the app. Password authentication is on (scram-sha-256), so a server configured with a wrong password fails
 * as it would in production.
 *
 * <p>Its folder holds {@code data/} (the cluster), {@code server.log}, {@code commands.log} and
 * {@code postgres.properties} (port, URL, user, passwords), so a cluster stopped by one process can be started again
 * by another on the same port. When the tests run as root, the cluster runs as the {@code postgres} user (initdb and
 * postgres refuse root) and the folder is handed to that user.
 *
 * <p>{@link #main} lets the build start one before the container tests ({@code start <folder>}) and stop it after
 * ({@code stop <folder>}); the properties file is what the build passes on to the servers.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String DATABASE = "eegwf";
    public static final String USER = "eegwf";
    public static final String PROPERTIES = "postgres.properties";
    private static final String SUPERUSER = "postgres";

    private final Path folder;
    private final Path pgBin;
    private final List<String> asUser;
    private final int port;
    private final String password;
    private final String superuserPassword;

    private TestPostgres(Path folder, Path pgBin, List<String> asUser, int port, String password,
                         String superuserPassword) {
        this.folder = folder;
        this.pgBin = pgBin;
        this.asUser = asUser;
        this.port = port;
        this.password = password;
        this.superuserPassword = superuserPassword;
    }

    /** Whether this machine can run one: PostgreSQL's initdb is installed, and there is a non-root user for it. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Why {@link #available()} is false, for a skipped test's message; null when it is true. */
    public static String unavailableReason() {
        if (findPgBin() == null) {
            return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb, Debian's package postgresql;"
                    + " or set EEGWF_TEST_PG_BIN to the folder of initdb and pg_ctl)";
        }
        if (runningAsRoot() && (postgresUser() == null || !Files.isExecutable(Path.of("/usr/sbin/runuser")))) {
            return "running as root without a 'postgres' user or runuser, and PostgreSQL refuses to run as root";
        }
        return null;
    }

    /** A new cluster in a new temporary folder, on a free port; {@link #close()} deletes it. */
    public static TestPostgres startInTempFolder() {
        try {
            return start(Files.createTempDirectory("eegwf-pg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new cluster in {@code folder} (emptied first), on a free port of 127.0.0.1. */
    public static TestPostgres start(Path folder) {
        return start(folder, 0);
    }

    /** A new cluster in {@code folder} (emptied first) on {@code port} (0: a free one). */
    public static TestPostgres start(Path folder, int port) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        try {
            folder = folder.toAbsolutePath();
            if (Files.isDirectory(folder.resolve("data"))) {
                attach(folder).stopQuietly();
            }
            Folders.deleteRecursively(folder);
            Files.createDirectories(folder);
            List<String> asUser = List.of();
            if (runningAsRoot()) {
                Files.setOwner(folder, postgresUser());
                asUser = List.of("/usr/sbin/runuser", "-u", "postgres", "--");
            }
            TestPostgres pg = new TestPostgres(folder, findPgBin(), asUser, port == 0 ? freePort() : port,
                    randomPassword(), randomPassword());
            Path pwfile = folder.resolve("superuser.pw");
            Files.writeString(pwfile, pg.superuserPassword + "\n", StandardCharsets.UTF_8);
            if (runningAsRoot()) {
                Files.setOwner(pwfile, postgresUser());
            }
            pg.run(pg.pgBin.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            Files.delete(pwfile);
            pg.writeProperties();
            pg.start();
            try (Connection c = pg.superuser("postgres").getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE ROLE " + USER + " LOGIN PASSWORD '" + pg.password + "'");
                s.executeUpdate("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the role and database: " + e.getMessage(), e);
        }
    }

    /** The cluster another process created in {@code folder} (see {@link #PROPERTIES}), started or not. */
    public static TestPostgres attach(Path folder) {
        folder = folder.toAbsolutePath();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(PROPERTIES))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no test PostgreSQL in " + folder, e);
        }
        return new TestPostgres(folder, findPgBin(),
                runningAsRoot() ? List.of("/usr/sbin/runuser", "-u", "postgres", "--") : List.of(),
                Integer.parseInt(p.getProperty("port")), p.getProperty("password"),
                p.getProperty("superuser.password"));
    }

    /** Starts the cluster (again) on its data folder and port; returns once it accepts connections. */
    public void start() {
        run(pgBin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "120", "-o",
                // fsync off: a test cluster need not survive a power cut, and the shared machine is slow enough
                "-h 127.0.0.1 -p " + port + " -k " + folder + " -c fsync=off -c full_page_writes=off"
                        + " -c synchronous_commit=off -c max_connections=200",
                "start");
    }

    /**
     * Stops the cluster at once, as a crash or a pulled cable would look to its clients (open connections are cut,
     * nothing waits for them); {@link #start()} brings it back on the same port with its data.
     */
    public void stop() {
        run(pgBin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /**
     * Stops the cluster as an admin's {@code pg_ctl stop} does by default ("fast"): open sessions are ended with
     * 57P01 (administrator command), nothing new is accepted; {@link #start()} brings it back.
     */
    public void stopFast() {
        run(pgBin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Stops the cluster if it runs, and deletes its folder. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Folders.deleteRecursively(folder);
        } catch (java.io.UncheckedIOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }

    private void stopQuietly() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            try {
                stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop the test PostgreSQL in " + folder + ": " + e.getMessage());
            }
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public Path folder() {
        return folder;
    }

    /** The app's database as the app's role sees it. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = base(DATABASE);
        ds.setUser(USER);
        ds.setPassword(password);
        return ds;
    }

    /** A new, empty database owned by the app's role, beside {@value #DATABASE}. */
    public DataSource newDatabase(String name) throws SQLException {
        try (Connection c = superuser("postgres").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " OWNER " + USER + " ENCODING 'UTF8'");
        }
        PGSimpleDataSource ds = base(name);
        ds.setUser(USER);
        ds.setPassword(password);
        return ds;
    }

    /**
     * The JDBC URL of the database {@code name} owned by the app's role, created empty the first time it is asked
     * for: a server given a database of its own starts from nothing, as the embedded default does in a new folder.
     */
    public synchronized String database(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = superuser("postgres").getConnection(); Statement s = c.createStatement()) {
            boolean exists;
            try (var r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = r.next();
            }
            if (!exists) {
                s.executeUpdate("CREATE DATABASE " + name + " OWNER " + USER + " ENCODING 'UTF8'");
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** The cluster's superuser on {@code database}, for what the app's role may not do (terminate sessions, ...). */
    public DataSource superuser(String database) {
        PGSimpleDataSource ds = base(database);
        ds.setUser(SUPERUSER);
        ds.setPassword(superuserPassword);
        return ds;
    }

    private PGSimpleDataSource base(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setConnectTimeout(10);
        return ds;
    }

    private Path data() {
        return folder.resolve("data");
    }

    /** Port, URL, user and passwords: read back by {@link #attach} and passed on to the servers by the build. */
    private void writeProperties() throws IOException {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("url", jdbcUrl());
        p.setProperty("user", USER);
        p.setProperty("password", password);
        p.setProperty("superuser.password", superuserPassword);
        try (OutputStream out = Files.newOutputStream(folder.resolve(PROPERTIES))) {
            p.store(out, "the build's test PostgreSQL (TestPostgres)");
        }
    }

    private void run(String... command) {
        List<String> line = new ArrayList<>(asUser);
        line.addAll(List.of(command));
        Path log = folder.resolve("commands.log");
        try {
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).directory(folder.toFile());
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(line + " did not finish");
            }
            if (process.exitValue() != 0) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                Path server = folder.resolve("server.log");
                if (Files.exists(server)) {
                    text += Files.readString(server, StandardCharsets.UTF_8);
                }
                throw new IllegalStateException(line + " failed (" + process.exitValue() + "):\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Debian's newest /usr/lib/postgresql/N/bin, or the folder the environment's EEGWF_TEST_PG_BIN names. */
    private static Path findPgBin() {
        String chosen = System.getenv("EEGWF_TEST_PG_BIN");
        if (chosen != null && !chosen.isBlank()) {
            Path bin = Path.of(chosen);
            return Files.isExecutable(bin.resolve("initdb")) ? bin : null;
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt("0" + b.getParent().getFileName().toString()
                            .replaceAll("\\D", "")))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal postgresUser() {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Hex, so it needs no quoting in SQL, in a JDBC URL, in a shell or in a WildFly expression. */
    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * For the build: {@code start <folder> [port]} creates and starts a cluster there and leaves it running (its
     * {@value #PROPERTIES} says where); {@code stop <folder>} stops it; {@code restart <folder>} starts it again.
     * Exits with 2 and the reason when PostgreSQL is not installed.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TestPostgres start|stop|restart <folder> [port]");
            System.exit(1);
        }
        Path folder = Path.of(args[1]);
        switch (args[0]) {
            case "start" -> {
                String reason = unavailableReason();
                if (reason != null) {
                    System.err.println("TestPostgres: " + reason);
                    System.exit(2);
                }
                TestPostgres pg = start(folder, args.length > 2 ? Integer.parseInt(args[2]) : 0);
                System.out.println("TestPostgres: " + pg.jdbcUrl() + " (user " + USER + ") in " + pg.folder);
            }
            case "stop" -> {
                if (Files.exists(folder.resolve(PROPERTIES))) {
                    attach(folder).stopQuietly();
                    System.out.println("TestPostgres: stopped " + folder.toAbsolutePath());
                }
            }
            case "restart" -> attach(folder).start();
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(1);
            }
        }
    }
}
