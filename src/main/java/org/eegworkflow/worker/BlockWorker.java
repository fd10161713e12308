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
        Map<Integer, java.util.List<org.eegworkflow.block.control.PortSpec>> stepPorts = new HashMap<>();
        for (int n = 0; n < loaded.stepBlocks().size(); n++) {
            stepPorts.put(t.steps().get(n).blockId(), loaded.stepBlocks().get(n).spec().outputs());
        }
        try {
            BlockInvoker.Outcome outcome = BlockInvoker.invoke(spec, t.values(), t.inputs(), context, t.filesRoot());
            Artefacts.Shown shown = Artefacts.store(outcome.shown(), t.shownPrefix(), t.filesDir());
            java.util.List<WorkerResult.Step> steps = steps(loaded, outcome.outputs());
            ended = new WorkerResult(null, outcome.outputs(), shown == null ? null : shown.type(),
                    shown == null ? null : shown.value(), context.stdout(), node, millis(start), steps);
        } catch (BlockFailedException e) {
            ended = new WorkerResult(e.getCause() instanceof OutOfMemoryError ? reason(e.getCause(), spec, node)
                    : e.getMessage(), Map.of(), null, null, context.stdout(), node, millis(start));
        } catch (Throwable e) {
            ended = new WorkerResult(reason(e, spec, node), Map.of(), null, null, context.stdout(), node,
                    millis(start));
        }
        try {
            ended.write(result, spec.outputs(), codecs, stepPorts::get);
        } catch (IOException | RuntimeException e) {
            new WorkerResult("the worker could not write the block's outputs: " + e, Map.of(), null, null,
                    context.stdout(), node, millis(start)).write(result, spec.outputs(), codecs);
        }
    }

    /**
     * The task's steps after its own block completed: each on the outputs of the blocks before it, in order; one whose
     * input comes from a step that failed does not run, as the engine says of an element downstream of a failure.
     */
    private static java.util.List<WorkerResult.Step> steps(WorkerTask.Loaded loaded, Map<String, Object> first) {
        WorkerTask t = loaded.task();
        Map<Integer, Map<String, Object>> done = new HashMap<>();
        done.put(t.blockId(), first);
        java.util.List<WorkerResult.Step> steps = new java.util.ArrayList<>();
        for (int n = 0; n < t.steps().size(); n++) {
            WorkerTask.Step step = t.steps().get(n);
            BlockSpec spec = loaded.stepBlocks().get(n).spec();
            long start = System.nanoTime();
            Integer missing = step.wiring().stream().map(WorkerTask.Wire::from).filter(b -> !done.containsKey(b))
                    .findFirst().orElse(null);
            if (missing != null) {
                steps.add(new WorkerResult.Step(step.blockId(), "not run: upstream block " + missing
                        + " failed for this element", Map.of(), null, null, "", 0));
                continue;
            }
            Map<String, java.util.List<Object>> inputs = new java.util.LinkedHashMap<>();
            for (WorkerTask.Wire wire : step.wiring()) {
                inputs.computeIfAbsent(wire.input(), k -> new java.util.ArrayList<>())
                        .add(done.get(wire.from()).get(wire.output()));
            }
            Context context = new Context(t);
            try {
                BlockInvoker.Outcome outcome = BlockInvoker.invoke(spec, step.values(), inputs, context,
                        t.filesRoot());
                Artefacts.Shown shown = Artefacts.store(outcome.shown(), step.shownPrefix(), t.filesDir());
                done.put(step.blockId(), outcome.outputs());
                steps.add(new WorkerResult.Step(step.blockId(), null, outcome.outputs(),
                        shown == null ? null : shown.type(), shown == null ? null : shown.value(), context.stdout(),
                        millis(start)));
            } catch (BlockFailedException e) {
                steps.add(new WorkerResult.Step(step.blockId(), e.getCause() instanceof OutOfMemoryError
                        ? reason(e.getCause(), spec, node()) : e.getMessage(), Map.of(), null, null,
                        context.stdout(), millis(start)));
            } catch (Throwable e) {
                steps.add(new WorkerResult.Step(step.blockId(), reason(e, spec, node()), Map.of(), null, null,
                        context.stdout(), millis(start)));
            }
        }
        return steps;
    }

    /**
     * Why a block failed in a worker. Out of memory is said for a worker (whose heap follows the block's declaration),
     * not as the server says it of its own heap; anything else as the server says it.
     */
    static String reason(Throwable e, BlockSpec spec, String node) {
        if (e instanceof OutOfMemoryError) {
            return "ran out of memory in its worker on node " + node + ": the worker's heap is "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, for a block that declares it needs about "
                    + spec.memoryMb() + " MB (@BlockType memoryMb); declare what it needs (" + e.getMessage() + ")";
        }
        return ErrorReasons.describe(e, "this block", spec.memoryMb());
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
