package org.eegworkflow.job.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * A finished block's output values in the job's folder, written through the type's {@link ValueCodec}, so a
 * restarted job takes them instead of running the block again. A block with an output no codec can write gets no
 * checkpoint (it runs again on restart); an unreadable checkpoint counts as none.
 */
final class Checkpoints {
    private static final int MAGIC = 0xEE6F_0001;

    private Checkpoints() {
    }

    static Path file(Path dir, int blockId) {
        return dir.resolve("block-" + blockId + ".bin");
    }

    /** @return whether a checkpoint was written */
    static boolean write(Path dir, int blockId, BlockSpec spec, Map<String, Object> outputs) throws IOException {
        for (PortSpec output : spec.outputs()) {
            if (codec(output.type()).isEmpty()) {
                return false;
            }
        }
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "block-" + blockId, ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
            out.writeInt(MAGIC);
            out.writeInt(spec.outputs().size());
            for (PortSpec output : spec.outputs()) {
                Object value = outputs.get(output.name());
                StandardCodecs.writeString(out, output.name());
                out.writeBoolean(value != null);
                if (value != null) {
                    codec(output.type()).orElseThrow().write(value, out);
                }
            }
        }
        // a checkpoint is either whole or absent, even if the server dies while writing it
        Files.move(temporary, file(dir, blockId), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    static Optional<Map<String, Object>> read(Path dir, int blockId, BlockSpec spec) {
        Path file = file(dir, blockId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != spec.outputs().size()) {
                return Optional.empty();
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            for (PortSpec output : spec.outputs()) {
                if (!StandardCodecs.readString(in).equals(output.name())) {
                    return Optional.empty();
                }
                outputs.put(output.name(), in.readBoolean() ? codec(output.type()).orElseThrow().read(in) : null);
            }
            return Optional.of(outputs);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ValueCodec> codec(String type) {
        return StandardCodecs.forType(type);
    }
}
