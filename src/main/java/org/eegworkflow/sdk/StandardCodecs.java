package org.eegworkflow.sdk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Codecs for the SDK's own types: NUMBER, STRING, BOOLEAN and their arrays. */
public final class StandardCodecs {
    private static final Map<String, ValueCodec> CODECS = Map.of(
            Types.NUMBER, scalar(Types.NUMBER, (v, out) -> out.writeDouble(((Number) v).doubleValue()),
                    DataInput::readDouble),
            Types.STRING, scalar(Types.STRING, (v, out) -> writeString(out, v.toString()), StandardCodecs::readString),
            Types.BOOLEAN, scalar(Types.BOOLEAN, (v, out) -> out.writeBoolean((Boolean) v), DataInput::readBoolean),
            Types.NUMBER_ARRAY, list(Types.NUMBER_ARRAY, Types.NUMBER),
            Types.STRING_ARRAY, list(Types.STRING_ARRAY, Types.STRING));

    private StandardCodecs() {
    }

    /** The standard codec for a type, if the SDK has one. */
    public static Optional<ValueCodec> forType(String type) {
        return Optional.ofNullable(CODECS.get(type));
    }

    /** Strings of any length, unlike {@link DataOutput#writeUTF}, which stops at 64 KB. */
    public static void writeString(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface Writer {
        void write(Object value, DataOutput out) throws IOException;
    }

    private interface Reader {
        Object read(DataInput in) throws IOException;
    }

    private static ValueCodec scalar(String type, Writer writer, Reader reader) {
        return new ValueCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void write(Object value, DataOutput out) throws IOException {
                writer.write(value, out);
            }

            @Override
            public Object read(DataInput in) throws IOException {
                return reader.read(in);
            }
        };
    }

    private static ValueCodec list(String type, String elementType) {
        return new ValueCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void write(Object value, DataOutput out) throws IOException {
                List<?> values = (List<?>) value;
                ValueCodec element = CODECS.get(elementType);
                out.writeInt(values.size());
                for (Object v : values) {
                    element.write(v, out);
                }
            }

            @Override
            public Object read(DataInput in) throws IOException {
                ValueCodec element = CODECS.get(elementType);
                int size = in.readInt();
                List<Object> values = new ArrayList<>(Math.min(size, 1 << 16));
                for (int i = 0; i < size; i++) {
                    values.add(element.read(in));
                }
                return values;
            }
        };
    }
}
