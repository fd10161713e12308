package org.eegworkflow.job.control.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Finished blocks' output values, appended to one log in the job's folder through each type's {@link ValueCodec}, so
 * a restarted job takes them instead of running those blocks again. One append per block (no file per block) keeps
 * long chains of small blocks fast. A record carries its length and CRC: a record cut short by a crash, and all after
 * it, is ignored, and those blocks run again. A block with an output no codec can write gets no record.
 */
public final class Checkpoints implements Closeable {
    private static final String FILE = "outputs.log";

    private final OutputStream out;
    private final Function<String, Optional<ValueCodec>> codecs;

    private Checkpoints(OutputStream out, Function<String, Optional<ValueCodec>> codecs) {
        this.out = out;
        this.codecs = codecs;
    }

    /** Opens the job's log for appending. @param codecs the codec of each connector type the job's blocks use */
    static Checkpoints open(Path dir, Function<String, Optional<ValueCodec>> codecs) throws IOException {
        Files.createDirectories(dir);
        return new Checkpoints(Files.newOutputStream(dir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), codecs);
    }

    /** @return whether the block's outputs were recorded */
    synchronized boolean write(int blockId, BlockSpec spec, Map<String, Object> outputs) throws IOException {
        for (PortSpec output : spec.outputs()) {
            if (codecs.apply(output.type()).isEmpty()) {
                return false;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream record = new DataOutputStream(bytes);
        record.writeInt(blockId);
        record.writeInt(spec.outputs().size());
        for (PortSpec output : spec.outputs()) {
            Object value = outputs.get(output.name());
            StandardCodecs.writeString(record, output.name());
            record.writeBoolean(value != null);
            if (value != null) {
                codecs.apply(output.type()).orElseThrow().write(value, record);
            }
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        DataOutputStream framed = new DataOutputStream(out);
        framed.writeInt(body.length);
        framed.writeLong(crc.getValue());
        framed.write(body);
        framed.flush();
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Every block's last recorded outputs, for the blocks whose types still match their record. */
    static Map<Integer, Map<String, Object>> read(Path dir, Map<Integer, BlockSpec> specs,
                                                  Function<String, Optional<ValueCodec>> codecs) {
        Map<Integer, Map<String, Object>> outputs = new HashMap<>();
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return outputs;
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                long expected = in.readLong();
                if (length < 0 || length > (1 << 30)) {
                    break;
                }
                byte[] body = new byte[length];
                in.readFully(body);
                CRC32 crc = new CRC32();
                crc.update(body);
                if (crc.getValue() != expected) {
                    break;
                }
                try {
                    decode(body, specs, codecs).ifPresent(record -> outputs.put(record.blockId(), record.values()));
                } catch (IOException | RuntimeException unreadable) {
                    // a whole record whose value cannot be read back (a samples file gone): that block runs again
                }
            }
        } catch (Throwable e) {
            // a damaged tail, or a record that cannot be read back (no memory for it, a codec's class that fails to
            // load): what was read before it stands, and the blocks after it run again rather than the job failing
            // for good at every restart
            org.eegworkflow.block.control.ErrorReasons.restoreInterrupt(e);
            org.eegworkflow.block.control.ErrorReasons.rethrowIfThreadDeath(e);
        }
        return outputs;
    }

    private static Optional<Record> decode(byte[] body, Map<Integer, BlockSpec> specs,
                                           Function<String, Optional<ValueCodec>> codecs) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int blockId = in.readInt();
        BlockSpec spec = specs.get(blockId);
        if (spec == null || in.readInt() != spec.outputs().size()) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (PortSpec output : spec.outputs()) {
            if (!StandardCodecs.readString(in).equals(output.name())) {
                return Optional.empty();
            }
            Optional<ValueCodec> codec = codecs.apply(output.type());
            if (codec.isEmpty()) {
                return Optional.empty();
            }
            values.put(output.name(), in.readBoolean() ? codec.get().read(in) : null);
        }
        return Optional.of(new Record(blockId, values));
    }

    private record Record(int blockId, Map<String, Object> values) {
    }
}
