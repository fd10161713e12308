package org.eegworkflow.worker;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * One connector value through its type's {@link ValueCodec}: a single value or a whole collection of a study, as the
 * engine's checkpoints, its result cache and the worker's task and result files all hold them, so the three read
 * each other's bytes.
 */
public final class ValueRecords {
    /** A single value that is null (a block left the output unset). */
    public static final int NULL = 0;
    /** A single value follows. */
    public static final int VALUE = 1;
    /** A whole collection follows. */
    public static final int COLLECTION = 2;
    /** A collection whose elements may carry a fingerprint each (Elements.Element#fingerprint). */
    public static final int FINGERPRINTED_COLLECTION = 3;

    private ValueRecords() {
    }

    /** Writes what a record file holds. */
    @FunctionalInterface
    public interface Body {
        void write(java.io.DataOutputStream out) throws IOException;
    }

    /**
     * Writes a file through a partial one renamed into place, so that a reader on another machine (a worker, the
     * server polling for results) sees a whole file or none.
     */
    public static void writeAtomically(java.nio.file.Path file, Body body) throws IOException {
        java.nio.file.Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (java.io.OutputStream raw = java.nio.file.Files.newOutputStream(partial);
             java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(raw))) {
            body.write(out);
        }
        java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A block's output values through their codecs, as a checkpoint record, a result cache entry and a worker's result
     * hold them; every output's type must have a codec.
     */
    public static void writeOutputs(DataOutput record, List<PortSpec> ports, Map<String, Object> outputs,
                                    Function<String, Optional<ValueCodec>> codecs) throws IOException {
        record.writeInt(ports.size());
        for (PortSpec output : ports) {
            StandardCodecs.writeString(record, output.name());
            write(record, codecs.apply(output.type()).orElseThrow(), outputs.get(output.name()));
        }
    }

    /** Reads what {@link #writeOutputs} wrote. @return null when the values were written for other outputs */
    public static Map<String, Object> readOutputs(DataInput in, List<PortSpec> ports,
                                                  Function<String, Optional<ValueCodec>> codecs) throws IOException {
        if (in.readInt() != ports.size()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (PortSpec output : ports) {
            if (!StandardCodecs.readString(in).equals(output.name())) {
                return null;
            }
            Optional<ValueCodec> codec = codecs.apply(output.type());
            if (codec.isEmpty()) {
                return null;
            }
            values.put(output.name(), read(in, codec.get()));
        }
        return values;
    }

    /** Writes a value, a collection's elements with their keys, entities and fingerprints included. */
    public static void write(DataOutput record, ValueCodec codec, Object value) throws IOException {
        if (value instanceof Elements<?> collection) {
            boolean fingerprints = collection.list().stream().anyMatch(e -> e.fingerprint() != null);
            // a byte that older records, whose flag was a boolean, never have: a whole collection follows
            record.writeByte(fingerprints ? FINGERPRINTED_COLLECTION : COLLECTION);
            record.writeInt(collection.size());
            for (Elements.Element<?> element : collection) {
                StandardCodecs.writeString(record, element.key());
                record.writeInt(element.entities().size());
                for (Map.Entry<String, String> entity : element.entities().entrySet()) {
                    StandardCodecs.writeString(record, entity.getKey());
                    StandardCodecs.writeString(record, entity.getValue());
                }
                if (fingerprints) {
                    record.writeBoolean(element.fingerprint() != null);
                    if (element.fingerprint() != null) {
                        StandardCodecs.writeString(record, element.fingerprint());
                    }
                }
                record.writeBoolean(element.value() != null);
                if (element.value() != null) {
                    codec.write(element.value(), record);
                }
            }
        } else {
            record.writeBoolean(value != null);
            if (value != null) {
                codec.write(value, record);
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    public static Object read(DataInput in, ValueCodec codec) throws IOException {
        int flag = in.readUnsignedByte();
        if (flag == COLLECTION || flag == FINGERPRINTED_COLLECTION) {
            Elements.Builder<Object> collection = Elements.builder();
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                String elementKey = StandardCodecs.readString(in);
                Map<String, String> entities = new LinkedHashMap<>();
                int count = in.readInt();
                for (int e = 0; e < count; e++) {
                    entities.put(StandardCodecs.readString(in), StandardCodecs.readString(in));
                }
                String fingerprint = flag == FINGERPRINTED_COLLECTION && in.readBoolean()
                        ? StandardCodecs.readString(in) : null;
                collection.add(elementKey, entities, in.readBoolean() ? codec.read(in) : null, fingerprint);
            }
            return collection.build();
        }
        return flag != NULL ? codec.read(in) : null;
    }
}
