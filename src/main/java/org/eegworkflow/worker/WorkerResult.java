package org.eegworkflow.worker;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * How a worker's block ended: its outputs (through the codecs, so samples stay in their files in the shared folder),
 * what it shows (already stored in the job's files folder), its log, or the reason it failed. The engine takes this
 * file as the truth about the block, whatever the scheduler says about the job that ran it.
 *
 * @param failure   why the block failed, as its stderr says it; null when it completed
 * @param shownType the shown output's type (STRING, GRAPH, TABLE, FILE); null when it shows nothing
 * @param node      where it ran (the Slurm node name, or the host)
 */
public record WorkerResult(String failure, Map<String, Object> outputs, String shownType, String shownValue,
                           String stdout, String node, long millis, List<Step> steps) {
    private static final int MAGIC = 0x45455752; // "EEWR"
    private static final int VERSION = 2;

    /** How a step of the task (a block run after the task's own on the same element) ended. */
    public record Step(int blockId, String failure, Map<String, Object> outputs, String shownType,
                       String shownValue, String stdout, long millis) {
        public boolean completed() {
            return failure == null;
        }
    }

    /** A result without steps. */
    public WorkerResult(String failure, Map<String, Object> outputs, String shownType, String shownValue,
                        String stdout, String node, long millis) {
        this(failure, outputs, shownType, shownValue, stdout, node, millis, List.of());
    }

    public boolean completed() {
        return failure == null;
    }

    /** Writes the result atomically: a result file that exists is whole. */
    public void write(Path file, List<PortSpec> outputPorts, Function<String, Optional<ValueCodec>> codecs)
            throws IOException {
        write(file, outputPorts, codecs, block -> List.of());
    }

    /** @param stepPorts the output ports of each step's block */
    public void write(Path file, List<PortSpec> outputPorts, Function<String, Optional<ValueCodec>> codecs,
                      Function<Integer, List<PortSpec>> stepPorts) throws IOException {
        ValueRecords.writeAtomically(file, out -> {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            WorkerTask.writeNullable(out, failure);
            WorkerTask.writeNullable(out, shownType);
            WorkerTask.writeNullable(out, shownValue);
            StandardCodecs.writeString(out, stdout == null ? "" : stdout);
            StandardCodecs.writeString(out, node == null ? "" : node);
            out.writeLong(millis);
            out.writeBoolean(failure == null);
            if (failure == null) {
                ValueRecords.writeOutputs(out, outputPorts, outputs, codecs);
            }
            out.writeInt(steps.size());
            for (Step step : steps) {
                out.writeInt(step.blockId());
                WorkerTask.writeNullable(out, step.failure());
                WorkerTask.writeNullable(out, step.shownType());
                WorkerTask.writeNullable(out, step.shownValue());
                StandardCodecs.writeString(out, step.stdout() == null ? "" : step.stdout());
                out.writeLong(step.millis());
                out.writeBoolean(step.failure() == null);
                if (step.failure() == null) {
                    ValueRecords.writeOutputs(out, stepPorts.apply(step.blockId()), step.outputs(), codecs);
                }
            }
        });
    }

    /** Reads a result; its outputs through the engine's codecs of the block's output types. */
    public static WorkerResult read(Path file, List<PortSpec> outputPorts,
                                    Function<String, Optional<ValueCodec>> codecs) throws IOException {
        return read(file, outputPorts, codecs, block -> List.of());
    }

    /** As {@link #read(Path, List, Function)}, with the steps' outputs through their blocks' output ports. */
    public static WorkerResult read(Path file, List<PortSpec> outputPorts,
                                    Function<String, Optional<ValueCodec>> codecs,
                                    Function<Integer, List<PortSpec>> stepPorts) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a worker result of this version");
            }
            String failure = WorkerTask.readNullable(in);
            String shownType = WorkerTask.readNullable(in);
            String shownValue = WorkerTask.readNullable(in);
            String stdout = StandardCodecs.readString(in);
            String node = StandardCodecs.readString(in);
            long millis = in.readLong();
            Map<String, Object> outputs = Map.of();
            if (in.readBoolean()) {
                outputs = ValueRecords.readOutputs(in, outputPorts, codecs);
                if (outputs == null) {
                    throw new IOException(file + " holds outputs of another block type");
                }
            }
            List<Step> steps = new java.util.ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                int blockId = in.readInt();
                String stepFailure = WorkerTask.readNullable(in);
                String type = WorkerTask.readNullable(in);
                String value = WorkerTask.readNullable(in);
                String out = StandardCodecs.readString(in);
                long stepMillis = in.readLong();
                Map<String, Object> stepOutputs = Map.of();
                if (in.readBoolean()) {
                    stepOutputs = ValueRecords.readOutputs(in, stepPorts.apply(blockId), codecs);
                    if (stepOutputs == null) {
                        throw new IOException(file + " holds outputs of another block type for block " + blockId);
                    }
                }
                steps.add(new Step(blockId, stepFailure, stepOutputs, type, value, out, stepMillis));
            }
            return new WorkerResult(failure, outputs, shownType, shownValue, stdout, node, millis, List.copyOf(steps));
        }
    }
}
