package org.eegworkflow.worker;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * What a worker is to run: one block (or one element of a study) with its property texts and input values, and the
 * folders of the job it writes into. Written by the engine into the shared data folder, read by {@link BlockWorker}.
 * The inputs are read after the header, through the codecs of the block's own module, which only the header names.
 *
 * @param module      the block's module name
 * @param className   the block class
 * @param moduleJars  an uploaded module's class path (empty for the built-in modules on the worker's class path)
 * @param filesRoot   the job owner's data folder, for FILE properties; null when there is none
 * @param workDir     the job's working folder ({@code BlockContext.workingDirectory})
 * @param valuesDir   where the block's new samples go (the job's checkpoint folder)
 * @param filesDir    where what the block shows is stored (pictures, tables, files)
 * @param shownPrefix the name prefix of those files (the block id, and the element key for one element)
 */
public record WorkerTask(String jobId, int blockId, String elementKey, String module, String className,
                         List<Path> moduleJars, Map<String, String> values, Path filesRoot, Path workDir,
                         Path valuesDir, Path filesDir, String shownPrefix, Map<String, List<Object>> inputs,
                         List<Step> steps) {
    private static final int MAGIC = 0x45455754; // "EEWT"
    private static final int VERSION = 2;

    /**
     * A block run after the task's own block on the same element, in the same worker (a chain of blocks of a study
     * pays one worker's start, not one each), its inputs wired to the outputs of the blocks before it.
     *
     * @param wiring each input's sources, in edge order
     */
    public record Step(int blockId, String module, String className, List<Path> moduleJars, Map<String, String> values,
                       String shownPrefix, List<Wire> wiring) {
    }

    /** An edge inside a task: input {@code input} of a step takes output {@code output} of block {@code from}. */
    public record Wire(String input, int from, String output) {
    }

    /** A task without steps. */
    public WorkerTask(String jobId, int blockId, String elementKey, String module, String className,
                      List<Path> moduleJars, Map<String, String> values, Path filesRoot, Path workDir,
                      Path valuesDir, Path filesDir, String shownPrefix, Map<String, List<Object>> inputs) {
        this(jobId, blockId, elementKey, module, className, moduleJars, values, filesRoot, workDir, valuesDir,
                filesDir, shownPrefix, inputs, List.of());
    }

    /** Writes the task to a file atomically (a worker never sees half a task). */
    public void write(Path file, BlockSpec spec, Function<String, Optional<ValueCodec>> codecs) throws IOException {
        ValueRecords.writeAtomically(file, out -> {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            StandardCodecs.writeString(out, jobId);
            out.writeInt(blockId);
            writeNullable(out, elementKey);
            StandardCodecs.writeString(out, module);
            StandardCodecs.writeString(out, className);
            writePaths(out, moduleJars);
            writeMap(out, values);
            writeNullable(out, filesRoot == null ? null : filesRoot.toString());
            StandardCodecs.writeString(out, workDir.toString());
            StandardCodecs.writeString(out, valuesDir.toString());
            StandardCodecs.writeString(out, filesDir.toString());
            StandardCodecs.writeString(out, shownPrefix);
            out.writeInt(inputs.size());
            for (Map.Entry<String, List<Object>> input : inputs.entrySet()) {
                PortSpec port = spec.input(input.getKey()).orElseThrow(() -> new IOException(
                        "block " + spec.name() + " has no input '" + input.getKey() + "'"));
                ValueCodec codec = codecs.apply(port.type()).orElseThrow(() -> new IOException(
                        "no codec for the type " + port.type() + " of input '" + port.name()
                                + "': the value cannot be passed to a worker"));
                StandardCodecs.writeString(out, input.getKey());
                out.writeInt(input.getValue().size());
                for (Object value : input.getValue()) {
                    ValueRecords.write(out, codec, value);
                }
            }
            out.writeInt(steps.size());
            for (Step step : steps) {
                out.writeInt(step.blockId());
                StandardCodecs.writeString(out, step.module());
                StandardCodecs.writeString(out, step.className());
                writePaths(out, step.moduleJars());
                writeMap(out, step.values());
                StandardCodecs.writeString(out, step.shownPrefix());
                out.writeInt(step.wiring().size());
                for (Wire wire : step.wiring()) {
                    StandardCodecs.writeString(out, wire.input());
                    out.writeInt(wire.from());
                    StandardCodecs.writeString(out, wire.output());
                }
            }
        });
    }

    /** Whether every input and output type of the block has a codec, so the block can run in a worker at all. */
    public static boolean passable(BlockSpec spec, Function<String, Optional<ValueCodec>> codecs) {
        for (PortSpec port : spec.inputs()) {
            if (codecs.apply(port.type()).isEmpty()) {
                return false;
            }
        }
        for (PortSpec port : spec.outputs()) {
            if (codecs.apply(port.type()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a task.
     *
     * @param load the block's spec and its module's codecs, from the header (module, class, jars) read first
     */
    public static Loaded read(Path file, Function<WorkerTask, Loaded.Block> load) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a worker task of this version");
            }
            String jobId = StandardCodecs.readString(in);
            int blockId = in.readInt();
            String elementKey = readNullable(in);
            String module = StandardCodecs.readString(in);
            String className = StandardCodecs.readString(in);
            List<Path> jars = readPaths(in);
            Map<String, String> values = readMap(in);
            String root = readNullable(in);
            Path workDir = Path.of(StandardCodecs.readString(in));
            Path valuesDir = Path.of(StandardCodecs.readString(in));
            Path filesDir = Path.of(StandardCodecs.readString(in));
            String prefix = StandardCodecs.readString(in);
            WorkerTask header = new WorkerTask(jobId, blockId, elementKey, module, className, List.copyOf(jars),
                    values, root == null ? null : Path.of(root), workDir, valuesDir, filesDir, prefix, Map.of());
            Loaded.Block block = load.apply(header);
            Map<String, List<Object>> inputs = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = StandardCodecs.readString(in);
                PortSpec port = block.spec().input(name).orElseThrow(() -> new IOException(
                        "block " + className + " has no input '" + name + "'"));
                ValueCodec codec = block.codecs().apply(port.type()).orElseThrow(() -> new IOException(
                        "no codec for the type " + port.type() + " of input '" + name + "'"));
                List<Object> arrived = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    arrived.add(ValueRecords.read(in, codec));
                }
                inputs.put(name, arrived);
            }
            List<Step> steps = new ArrayList<>();
            List<Loaded.Block> stepBlocks = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                int stepBlock = in.readInt();
                String stepModule = StandardCodecs.readString(in);
                String stepClass = StandardCodecs.readString(in);
                List<Path> stepJars = readPaths(in);
                Map<String, String> stepValues = readMap(in);
                String stepPrefix = StandardCodecs.readString(in);
                List<Wire> wiring = new ArrayList<>();
                for (int w = in.readInt(); w > 0; w--) {
                    wiring.add(new Wire(StandardCodecs.readString(in), in.readInt(), StandardCodecs.readString(in)));
                }
                Step step = new Step(stepBlock, stepModule, stepClass, List.copyOf(stepJars), stepValues, stepPrefix,
                        List.copyOf(wiring));
                steps.add(step);
                stepBlocks.add(load.apply(new WorkerTask(jobId, stepBlock, elementKey, stepModule, stepClass,
                        step.moduleJars(), stepValues, header.filesRoot(), workDir, valuesDir, filesDir, stepPrefix,
                        Map.of())));
            }
            return new Loaded(new WorkerTask(jobId, blockId, elementKey, module, className, header.moduleJars(),
                    values, header.filesRoot(), workDir, valuesDir, filesDir, prefix, inputs, List.copyOf(steps)),
                    block, List.copyOf(stepBlocks));
        }
    }

    /** A task read back, with the block it runs and those of its steps (in step order). */
    public record Loaded(WorkerTask task, Block block, List<Block> stepBlocks) {
        /** The block's spec and the codecs of its connector types. */
        public record Block(BlockSpec spec, Function<String, Optional<ValueCodec>> codecs) {
        }
    }

    private static void writePaths(DataOutputStream out, List<Path> paths) throws IOException {
        out.writeInt(paths.size());
        for (Path path : paths) {
            StandardCodecs.writeString(out, path.toString());
        }
    }

    private static List<Path> readPaths(DataInputStream in) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            paths.add(Path.of(StandardCodecs.readString(in)));
        }
        return paths;
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            StandardCodecs.writeString(out, entry.getKey());
            writeNullable(out, entry.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            map.put(StandardCodecs.readString(in), readNullable(in));
        }
        return map;
    }

    static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            StandardCodecs.writeString(out, text);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? StandardCodecs.readString(in) : null;
    }
}
