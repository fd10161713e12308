package org.eegworkflow.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
                         Path valuesDir, Path filesDir, String shownPrefix, Map<String, List<Object>> inputs) {
    private static final int MAGIC = 0x45455754; // "EEWT"
    private static final int VERSION = 1;

    /** Writes the task to a file atomically (a worker never sees half a task). */
    public void write(Path file, BlockSpec spec, Function<String, Optional<ValueCodec>> codecs) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream raw = Files.newOutputStream(partial);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            StandardCodecs.writeString(out, jobId);
            out.writeInt(blockId);
            writeNullable(out, elementKey);
            StandardCodecs.writeString(out, module);
            StandardCodecs.writeString(out, className);
            out.writeInt(moduleJars.size());
            for (Path jar : moduleJars) {
                StandardCodecs.writeString(out, jar.toString());
            }
            out.writeInt(values.size());
            for (Map.Entry<String, String> value : values.entrySet()) {
                StandardCodecs.writeString(out, value.getKey());
                writeNullable(out, value.getValue());
            }
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
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
            List<Path> jars = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                jars.add(Path.of(StandardCodecs.readString(in)));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                values.put(StandardCodecs.readString(in), readNullable(in));
            }
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
            return new Loaded(new WorkerTask(jobId, blockId, elementKey, module, className, header.moduleJars(),
                    values, header.filesRoot(), workDir, valuesDir, filesDir, prefix, inputs), block);
        }
    }

    /** A task read back, with the block it runs. */
    public record Loaded(WorkerTask task, Block block) {
        /** The block's spec and the codecs of its connector types. */
        public record Block(BlockSpec spec, Function<String, Optional<ValueCodec>> codecs) {
        }
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
