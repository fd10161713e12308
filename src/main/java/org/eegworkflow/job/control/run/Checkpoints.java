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
import org.eegworkflow.worker.ValueRecords;

/**
 * Finished blocks' output values, appended to one log in the job's folder through each type's {@link ValueCodec}, so
 * a restarted job takes them instead of running those blocks again. One append per block (no file per block) keeps
 * long chains of small blocks fast. A record carries its length and CRC: a record cut short by a crash, and all after
 * it, is ignored, and those blocks run again. A block with an output no codec can write gets no record.
 */
public final class Checkpoints implements Closeable {
    private static final String FILE = "outputs.log";
    private static final String ELEMENTS = "elements.log";

    private final Path dir;
    private final OutputStream out;
    private OutputStream elements;
    private final Function<String, Optional<ValueCodec>> codecs;

    private Checkpoints(Path dir, OutputStream out, Function<String, Optional<ValueCodec>> codecs) {
        this.dir = dir;
        this.out = out;
        this.codecs = codecs;
    }

    /** Opens the job's log for appending. @param codecs the codec of each connector type the job's blocks use */
    /** The codecs the job's values are written with. */
    Function<String, Optional<ValueCodec>> codecs() {
        return codecs;
    }

    static Checkpoints open(Path dir, Function<String, Optional<ValueCodec>> codecs) throws IOException {
        Files.createDirectories(dir);
        return new Checkpoints(dir, Files.newOutputStream(dir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), codecs);
    }

    /** @return whether the block's outputs were recorded */
    synchronized boolean write(int blockId, BlockSpec spec, Map<String, Object> outputs) throws IOException {
        return append(out, blockId, null, spec, outputs);
    }

    /**
     * Records one element's outputs of a block that runs once per element, in a log of its own, so a restart runs
     * only the elements that did not complete.
     *
     * @return whether they were recorded
     */
    synchronized boolean writeElement(int blockId, String key, BlockSpec spec, Map<String, Object> outputs)
            throws IOException {
        if (elements == null) {
            elements = Files.newOutputStream(dir.resolve(ELEMENTS), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return append(elements, blockId, key, spec, outputs);
    }

    private boolean append(OutputStream log, int blockId, String key, BlockSpec spec, Map<String, Object> outputs)
            throws IOException {
        if (!encodable(spec, codecs)) {
            return false;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream record = new DataOutputStream(bytes);
        record.writeInt(blockId);
        if (key != null) {
            StandardCodecs.writeString(record, key);
        }
        ValueRecords.writeOutputs(record, spec.outputs(), outputs, codecs);
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        DataOutputStream framed = new DataOutputStream(log);
        framed.writeInt(body.length);
        framed.writeLong(crc.getValue());
        framed.write(body);
        framed.flush();
        return true;
    }

    /** Whether every output of the block type has a codec, so its values can be written. */
    static boolean encodable(BlockSpec spec, Function<String, Optional<ValueCodec>> codecs) {
        for (PortSpec output : spec.outputs()) {
            if (codecs.apply(output.type()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            out.close();
        } finally {
            if (elements != null) {
                elements.close();
            }
        }
    }

    /** Every block's last recorded outputs, for the blocks whose types still match their record. */
    static Map<Integer, Map<String, Object>> read(Path dir, Map<Integer, BlockSpec> specs,
                                                  Function<String, Optional<ValueCodec>> codecs) {
        Map<Integer, Map<String, Object>> outputs = new HashMap<>();
        scan(dir.resolve(FILE), false, specs, codecs, record -> outputs.put(record.blockId(), record.values()));
        return outputs;
    }

    /** Every element's last recorded outputs, by block and element key. */
    static Map<Integer, Map<String, Map<String, Object>>> readElements(Path dir, Map<Integer, BlockSpec> specs,
            Function<String, Optional<ValueCodec>> codecs) {
        Map<Integer, Map<String, Map<String, Object>>> outputs = new HashMap<>();
        scan(dir.resolve(ELEMENTS), true, specs, codecs, record -> outputs.computeIfAbsent(record.blockId(),
                b -> new java.util.LinkedHashMap<>()).put(record.key(), record.values()));
        return outputs;
    }

    private static void scan(Path file, boolean keyed, Map<Integer, BlockSpec> specs,
                             Function<String, Optional<ValueCodec>> codecs, java.util.function.Consumer<Record> found) {
        if (!Files.isRegularFile(file)) {
            return;
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
                    decode(body, keyed, specs, codecs).ifPresent(found);
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
    }

    private static Optional<Record> decode(byte[] body, boolean keyed, Map<Integer, BlockSpec> specs,
                                           Function<String, Optional<ValueCodec>> codecs) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        int blockId = in.readInt();
        String key = keyed ? StandardCodecs.readString(in) : null;
        BlockSpec spec = specs.get(blockId);
        if (spec == null) {
            return Optional.empty();
        }
        Map<String, Object> values = ValueRecords.readOutputs(in, spec.outputs(), codecs);
        return values == null ? Optional.empty() : Optional.of(new Record(blockId, key, values));
    }

    private record Record(int blockId, String key, Map<String, Object> values) {
    }
}
