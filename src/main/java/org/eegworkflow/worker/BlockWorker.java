package org.eegworkflow.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.module.control.ModuleClassLoader;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockModule;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * The block worker's main: runs one task file and writes its result beside it ({@code task.bin} ->
 * {@code result.bin}; in a Slurm job array, {@code task-<i>.bin} -> {@code result-<i>.bin} with i the array index).
 * The block loads as in the server: a built-in module from this JVM's class path (the app's classes, placed in the
 * shared data folder), an uploaded one from its jars through a {@link ModuleClassLoader}. Whatever the block does,
 * a result is written; the exit status is non-zero only when no result could be.
 *
 * <p>Usage: {@code java -cp <app classes> org.eegworkflow.worker.BlockWorker <task file | array folder>}
 */
public final class BlockWorker {

    private BlockWorker() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BlockWorker <task file | job array folder>");
            System.exit(2);
        }
        Path given = Path.of(args[0]);
        String index = System.getenv("SLURM_ARRAY_TASK_ID");
        Path task = Files.isDirectory(given) ? given.resolve("task-" + (index == null ? "0" : index) + ".bin") : given;
        Path result = resultOf(task);
        try {
            run(task, result, node());
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(3);
        }
        System.exit(0);
    }

    /** The result file of a task file. */
    public static Path resultOf(Path task) {
        return task.resolveSibling(task.getFileName().toString().replaceFirst("^task", "result"));
    }

    /** Where this worker runs: the Slurm node's name (several may share a host), or the host. */
    static String node() {
        String slurm = System.getenv("SLURMD_NODENAME");
        if (slurm != null && !slurm.isBlank()) {
            return slurm;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Runs a task and writes its result (also what tests call, in the test's own JVM). */
    public static void run(Path task, Path result, String node) throws IOException {
        long start = System.nanoTime();
        WorkerTask.Loaded loaded;
        try {
            loaded = WorkerTask.read(task, BlockWorker::load);
        } catch (IOException | RuntimeException | LinkageError e) {
            new WorkerResult("the worker could not read its task: " + ErrorReasons.describe(e, "the worker", 0),
                    Map.of(), null, null, "", node, millis(start)).write(result, java.util.List.of(), t -> Optional.empty());
            return;
        }
        WorkerTask t = loaded.task();
        BlockSpec spec = loaded.block().spec();
        Function<String, Optional<ValueCodec>> codecs = loaded.block().codecs();
        Context context = new Context(t);
        WorkerResult ended;
        try {
            BlockInvoker.Outcome outcome = BlockInvoker.invoke(spec, t.values(), t.inputs(), context, t.filesRoot());
            Artefacts.Shown shown = Artefacts.store(outcome.shown(), t.shownPrefix(), t.filesDir());
            ended = new WorkerResult(null, outcome.outputs(), shown == null ? null : shown.type(),
                    shown == null ? null : shown.value(), context.stdout(), node, millis(start));
        } catch (BlockFailedException e) {
            ended = new WorkerResult(e.getMessage(), Map.of(), null, null, context.stdout(), node, millis(start));
        } catch (Throwable e) {
            // an OutOfMemoryError above all: said as the server says it, with the block's declared memory
            ended = new WorkerResult(ErrorReasons.describe(e, "this block", spec.memoryMb()), Map.of(), null, null,
                    context.stdout(), node, millis(start));
        }
        try {
            ended.write(result, spec.outputs(), codecs);
        } catch (IOException | RuntimeException e) {
            new WorkerResult("the worker could not write the block's outputs: " + e, Map.of(), null, null,
                    context.stdout(), node, millis(start)).write(result, spec.outputs(), codecs);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The block class and the codecs of this JVM's modules and of the block's own. */
    private static WorkerTask.Loaded.Block load(WorkerTask header) {
        ClassLoader loader = header.moduleJars().isEmpty() ? BlockWorker.class.getClassLoader()
                : new ModuleClassLoader(header.module(), header.moduleJars());
        Map<String, ValueCodec> codecs = new HashMap<>();
        for (ClassLoader from : new ClassLoader[]{BlockWorker.class.getClassLoader(), loader}) {
            for (BlockModule module : ServiceLoader.load(BlockModule.class, from)) {
                module.codecs().forEach(codec -> codecs.putIfAbsent(codec.type(), codec));
            }
        }
        try {
            Class<?> type = Class.forName(header.className(), true, loader);
            BlockSpec spec = BlockIntrospector.describe(header.module(), type);
            return new WorkerTask.Loaded.Block(spec, name -> StandardCodecs.forType(name)
                    .or(() -> Optional.ofNullable(codecs.get(name))));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the block class " + header.className() + " of module "
                    + header.module() + " is not on the worker's class path", e);
        }
    }

    /** What the block sees of the engine in a worker: the job's folders in the shared data folder. */
    private static final class Context implements BlockContext {
        private final WorkerTask task;
        private final StringBuilder stdout = new StringBuilder();

        Context(WorkerTask task) {
            this.task = task;
        }

        @Override
        public Path workingDirectory() {
            try {
                return Files.createDirectories(task.workDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the job folder " + task.workDir(), e);
            }
        }

        @Override
        public Samples.Writer newSamples(int rows, long columns) {
            return Samples.writer(task.valuesDir(), rows, columns);
        }

        @Override
        public synchronized void log(String line) {
            stdout.append(line).append('\n');
        }

        /** Stop is the scheduler's: it ends this JVM (scancel), so a block never needs to ask. */
        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public String jobId() {
            return task.jobId();
        }

        synchronized String stdout() {
            return stdout.toString();
        }
    }
}
