package org.eegworkflow.job.control.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's own commands, as a user would type them on the submit host ({@code sbatch}, {@code squeue}, {@code sacct},
 * {@code scancel}), from a configured folder or the PATH; the cluster is found the way those commands find it
 * ({@code SLURM_CONF}, munge). No REST daemon to run: every site with Slurm has these.
 */
public final class SlurmCommands {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path bin;

    /** @param bin the folder of the commands, or null for the PATH */
    public SlurmCommands(Path bin) {
        this.bin = bin;
    }

    /** A task's state as Slurm reports it. @param state for example RUNNING, COMPLETED, OUT_OF_MEMORY */
    public record TaskState(String id, String state, String node, String reason) {
        public boolean ended() {
            return !(state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING")
                    || state.equals("COMPLETING") || state.equals("SUSPENDED") || state.equals("REQUEUED")
                    || state.equals("RESIZING") || state.equals("SIGNALING") || state.equals("STAGE_OUT")
                    || state.equals("REQUEUE_HOLD") || state.equals("REQUEUE_FED"));
        }
    }

    /** Slurm refused or failed a command; the message is its own (stderr). */
    public static final class SlurmException extends Exception {
        public SlurmException(String message) {
            super(message);
        }
    }

    /** Submits a batch script. @return the job id (an array's base id) */
    public String sbatch(List<String> options, Path script) throws SlurmException {
        List<String> command = new ArrayList<>();
        command.add("--parsable");
        command.addAll(options);
        command.add(script.toString());
        String out = run("sbatch", command).trim();
        // --parsable prints "id" or "id;cluster"
        String id = out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch answered '" + out + "', not a job id");
        }
        return id;
    }

    /**
     * The state of jobs and of each task of job arrays that slurmctld still knows (running ones, and ended ones for
     * MinJobAge), by task id ({@code 123}, {@code 123_4}); pending array tasks Slurm shows as one range line
     * ({@code 123_[2-5%4]}) come back one by one.
     */
    public Map<String, TaskState> squeue(Collection<String> jobIds) throws SlurmException {
        Map<String, TaskState> states = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return states;
        }
        String out;
        try {
            out = run("squeue", List.of("--states=all", "--noheader", "--format=%i|%T|%N|%r",
                    "--jobs=" + String.join(",", jobIds)));
        } catch (SlurmException e) {
            if (e.getMessage().contains("Invalid job id")) {
                // every one of them has left slurmctld's memory: none to report
                return states;
            }
            throw e;
        }
        for (String line : out.split("\n")) {
            String[] cells = line.trim().split("\\|", -1);
            if (cells.length < 4 || cells[0].isEmpty()) {
                continue;
            }
            for (String id : expand(cells[0])) {
                states.put(id, new TaskState(id, cells[1].trim(), cells[2].trim(), cells[3].trim()));
            }
        }
        return states;
    }

    /** {@code 123_[2-5,7%4]} as {@code 123_2 ... 123_5, 123_7}; any other id as it is. */
    static List<String> expand(String id) {
        int open = id.indexOf("_[");
        if (open < 0 || !id.endsWith("]")) {
            return List.of(id);
        }
        String base = id.substring(0, open);
        String ranges = id.substring(open + 2, id.length() - 1);
        int throttle = ranges.indexOf('%');
        if (throttle >= 0) {
            ranges = ranges.substring(0, throttle);
        }
        List<String> ids = new ArrayList<>();
        for (String range : ranges.split(",")) {
            String[] ends = range.split("-");
            try {
                int from = Integer.parseInt(ends[0].trim());
                int to = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : from;
                for (int i = from; i <= to; i++) {
                    ids.add(base + "_" + i);
                }
            } catch (NumberFormatException e) {
                // a form this parser does not know: leave it out rather than guess
            }
        }
        return ids;
    }

    /**
     * The final state of jobs slurmctld no longer holds, from the accounting database; empty when the cluster keeps
     * no accounting (no slurmdbd), where sacct has nothing to tell.
     */
    public Map<String, TaskState> sacct(Collection<String> ids) {
        Map<String, TaskState> states = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        String out;
        try {
            out = run("sacct", List.of("--noheader", "--parsable2", "--allocations",
                    "--format=JobID,State,NodeList,Reason", "--jobs=" + String.join(",", ids)));
        } catch (SlurmException e) {
            return states;
        }
        for (String line : out.split("\n")) {
            String[] cells = line.trim().split("\\|", -1);
            if (cells.length < 3 || cells[0].isEmpty()) {
                continue;
            }
            // "CANCELLED by 0" -> CANCELLED
            String state = cells[1].trim().split(" ")[0];
            states.put(cells[0].trim(), new TaskState(cells[0].trim(), state, cells[2].trim(),
                    cells.length > 3 ? cells[3].trim() : ""));
        }
        return states;
    }

    /** Cancels jobs or array tasks; ones already ended are no error. */
    public void scancel(Collection<String> ids) throws SlurmException {
        if (!ids.isEmpty()) {
            run("scancel", new ArrayList<>(ids));
        }
    }

    private String run(String name, List<String> args) throws SlurmException {
        List<String> command = new ArrayList<>();
        command.add(bin == null ? name : bin.resolve(name).toString());
        command.addAll(args);
        Path err = null;
        try {
            err = Files.createTempFile("eegwf-" + name, ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SlurmException(name + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(err, StandardCharsets.UTF_8).trim();
                throw new SlurmException(name + " failed (exit " + process.exitValue() + "): "
                        + (message.isEmpty() ? new String(out, StandardCharsets.UTF_8).trim() : message));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SlurmException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + " (is slurm-client installed, and eegwf.slurm.bin right?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(name + " was interrupted");
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temporary file left behind is no failure
                }
            }
        }
    }
}
