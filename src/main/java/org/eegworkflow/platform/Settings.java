package org.eegworkflow.platform;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every setting of the app, read from a system property {@code eegwf.<name>} or else an environment variable
 * {@code EEGWF_<NAME>} (dots become underscores), with a documented default. Read on each use, so a test or an
 * admin can change a system property without redeploying.
 */
@ApplicationScoped
public class Settings {

    /** The folder for users' data files and job folders. Default: the server's data folder, or ~/.eegwf. */
    public Path dataDir() {
        String configured = raw("data.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String wildflyData = System.getProperty("jboss.server.data.dir");
        return wildflyData != null ? Path.of(wildflyData, "eegwf") : Path.of(System.getProperty("user.home"), ".eegwf");
    }

    /** How long a login token stays valid ({@code token.ttl.hours}, default 48). */
    public Duration tokenLifetime() {
        double hours = number("token.ttl.hours", 48);
        return Duration.ofMillis((long) (hours * 3_600_000));
    }

    /** How many blocks of one job run at the same time ({@code parallelism}, default: the number of cores). */
    public int parallelism() {
        return (int) Math.max(1, number("parallelism", Runtime.getRuntime().availableProcessors()));
    }

    /** How long one block may run before it fails ({@code block.timeout.seconds}, default 3600). */
    public Duration blockTimeout() {
        return Duration.ofMillis((long) (number("block.timeout.seconds", 3600) * 1000));
    }

    /** How many jobs run at once on this server; more wait as QUEUED ({@code jobs.max.running}, default 4). */
    public int maxRunningJobs() {
        return (int) Math.max(1, number("jobs.max.running", 4));
    }

    /** How many jobs of one user run at once ({@code jobs.max.running.per.user}, default 2). */
    public int maxRunningJobsPerUser() {
        return (int) Math.max(1, number("jobs.max.running.per.user", 2));
    }

    /**
     * The name of this server instance among those sharing one database ({@code node}, default the host name). Jobs
     * belong to the node that accepted them; two instances must never share a name.
     */
    public String node() {
        String configured = raw("node");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            // a host without a resolvable name still has one the kernel knows
            String host = System.getenv("HOSTNAME");
            return host != null && !host.isBlank() ? host : "localhost";
        }
    }

    /** How often this node writes its heartbeat ({@code node.heartbeat.seconds}, default 5). */
    public Duration nodeHeartbeat() {
        return Duration.ofMillis((long) (Math.max(0.1, number("node.heartbeat.seconds", 5)) * 1000));
    }

    /**
     * How long another node's heartbeat may stand still before its RUNNING jobs are failed ({@code
     * node.timeout.seconds}, default 60).
     */
    public Duration nodeTimeout() {
        return Duration.ofMillis((long) (Math.max(1, number("node.timeout.seconds", 60)) * 1000));
    }

    /** Whether every user may upload modules, not only authors and admins ({@code modules.upload.open}, default false). */
    public boolean openModuleUpload() {
        return Boolean.parseBoolean(String.valueOf(raw("modules.upload.open")));
    }

    /**
     * Emails whose accounts are admins whatever their stored roles ({@code admin.emails}, comma-separated, default
     * none): how a lab names its admins when the first account was registered by someone else.
     */
    public java.util.Set<String> adminEmails() {
        String value = raw("admin.emails");
        if (value == null || value.isBlank()) {
            return java.util.Set.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(e -> e.trim().toLowerCase(java.util.Locale.ROOT))
                .filter(e -> !e.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Most blocks in one workflow ({@code workflow.max.blocks}, default 5000): far beyond what a person draws or a
     * script generates for one analysis, and a bound on what one request may make the server store and run.
     */
    public int maxWorkflowBlocks() {
        return (int) Math.max(1, number("workflow.max.blocks", 5000));
    }

    /** PBKDF2 iterations for new password hashes ({@code password.iterations}, default 210000). */
    public int passwordIterations() {
        return (int) Math.max(1000, number("password.iterations", 210_000));
    }

    /**
     * Whether the token cookie carries {@code Secure} ({@code cookie.secure}: {@code true}, {@code false}, or the
     * default {@code auto}: when the request came over HTTPS). Behind a proxy that ends TLS the server sees plain
     * HTTP, so such sites set it to true.
     */
    public boolean secureCookie(boolean requestIsSecure) {
        String value = raw("cookie.secure");
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto")) {
            return requestIsSecure;
        }
        return Boolean.parseBoolean(value.trim());
    }

    /** Failed logins in a row that lock an account ({@code login.max.failures}, default 5). */
    public int loginMaxFailures() {
        return (int) Math.max(1, number("login.max.failures", 5));
    }

    /** The first lockout, doubled by each further failure ({@code login.lockout.seconds}, default 30). */
    public Duration loginLockout() {
        return Duration.ofMillis((long) (Math.max(0, number("login.lockout.seconds", 30)) * 1000));
    }

    /** The longest lockout ({@code login.lockout.max.seconds}, default 900; never below the first). */
    public Duration loginMaxLockout() {
        Duration max = Duration.ofMillis((long) (Math.max(0, number("login.lockout.max.seconds", 900)) * 1000));
        return max.compareTo(loginLockout()) < 0 ? loginLockout() : max;
    }

    /**
     * How long the job engine retries a write while the database cannot be reached before it gives up on that write
     * ({@code db.retry.seconds}, default 120).
     */
    public Duration databaseRetry() {
        return Duration.ofMillis((long) (Math.max(0, number("db.retry.seconds", 120)) * 1000));
    }

    /**
     * How much of the Java heap, in MB, the jobs running at once may need together by their blocks' declarations
     * ({@code memory.budget.mb}, default 70% of the heap, {@code -Xmx}): the rest is the server's own (requests, the
     * batch runtime, the database's caches). A job that would not fit waits QUEUED.
     */
    public long memoryBudgetMb() {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return (long) Math.max(1, number("memory.budget.mb", Math.floor(heapMb * 0.7)));
    }

    /**
     * What a block that declares nothing ({@code @BlockType(memoryMb)} left out) is taken to need, in MB ({@code
     * memory.block.default.mb}, default 32): arithmetic and small values.
     */
    public long defaultBlockMemoryMb() {
        return (long) Math.max(0, number("memory.block.default.mb", 32));
    }

    /**
     * Whether the old EEG Workflow System's own web client is served as it expects ({@code legacy.client}, default
     * true): recognised by its {@code token} and {@code email} request headers, it gets the job list and job details
     * as JSON text labelled text/html, a 403 when its session is gone, and its {@code token} header counts as a
     * credential. Off, that client sees the API exactly as every other client does.
     */
    public boolean legacyClient() {
        String value = raw("legacy.client");
        return value == null || value.isBlank() || Boolean.parseBoolean(value.trim());
    }

    /**
     * Whether the result cache is on for a job ({@code cache}: {@code studies}, the default, for workflows with a
     * collection only; {@code always}; {@code never}); the schedule form's {@code cache} field overrides it per job.
     *
     * @param study whether the workflow has a collection (it runs once per element of a study)
     */
    public boolean cacheFor(boolean study) {
        String mode = raw("cache");
        mode = mode == null || mode.isBlank() ? "studies" : mode.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            case "studies" -> study;
            default -> throw new IllegalStateException("setting cache must be studies, always or never, got '"
                    + mode + "'");
        };
    }

    /** How much the result cache may hold before it evicts the least recently used ({@code cache.max.mb}, 20480). */
    public long cacheMaxBytes() {
        return (long) (Math.max(0, number("cache.max.mb", 20480)) * (1 << 20));
    }

    /**
     * Where blocks run ({@code executor}: {@code local}, the default, on this server's threads; {@code slurm}, as jobs
     * of the Slurm cluster this server submits to, see server-config/slurm/README.md).
     */
    public String executor() {
        String kind = raw("executor");
        kind = kind == null || kind.isBlank() ? "local" : kind.trim().toLowerCase(java.util.Locale.ROOT);
        if (!kind.equals("local") && !kind.equals("slurm")) {
            throw new IllegalStateException("setting executor must be local or slurm, got '" + kind + "'");
        }
        return kind;
    }

    /** A text setting of a feature that documents its own default; blank counts as not set. */
    public String text(String name, String fallback) {
        String value = raw(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A numeric setting of a feature that documents its own default. */
    public double value(String name, double fallback) {
        return number(name, fallback);
    }

    static double number(String name, double fallback) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + name + " must be a number, got '" + value + "'", e);
        }
    }

    static String raw(String name) {
        String value = System.getProperty("eegwf." + name);
        if (value == null) {
            value = System.getenv("EEGWF_" + name.replace('.', '_').toUpperCase(java.util.Locale.ROOT));
        }
        return value;
    }
}
