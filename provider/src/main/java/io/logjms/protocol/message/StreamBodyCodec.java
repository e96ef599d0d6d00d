package io.logjms.protocol.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a stream message: an empty array for an empty stream, otherwise
 *
 * <pre>
 *  format byte (1) | varint count | count typed values
 * </pre>
 *
 * with values typed as in {@link TypedValueCodec}: {@code Boolean}, {@code Byte}, {@code Short},
 * {@code Character}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String},
 * {@code byte[]} or {@code null}.
 */
public final class StreamBodyCodec {
    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private StreamBodyCodec() {
    }

    /**
     * Encodes the values in order.
     *
     * @throws IllegalArgumentException for a value of another type
     */
    public static byte[] encode(List<?> values) {
        if (values.isEmpty()) {
            return new byte[0];
        }
        int length = 1 + WireWriter.sizeOfVarInt(values.size());
        for (Object value : values) {
            if (!TypedValueCodec.isEncodable(value, TypedValueCodec.ValueSet.BODY)) {
                throw new IllegalArgumentException("a stream message cannot hold a value of type "
                        + value.getClass().getName());
            }
            length += TypedValueCodec.sizeOf(value);
        }
        byte[] body = new byte[length];
        WireWriter out = new WireWriter(body, 0);
        out.writeByte(FORMAT_VERSION);
        out.writeVarInt(values.size());
        for (Object value : values) {
            TypedValueCodec.write(out, value);
        }
        return body;
    }

    public static ArrayList<Object> decode(byte[] body) {
        return decode(body, 0, body.length);
    }

    /**
     * Decodes {@code body[offset, offset + length)} into a new list.
     *
     * @throws MalformedMessageException if the range is not exactly one valid stream body
     */
    public static ArrayList<Object> decode(byte[] body, int offset, int length) {
        WireReader in = new WireReader(body, offset, length);
        ArrayList<Object> values = new ArrayList<>();
        if (length == 0) {
            return values;
        }
        BodyFormat.readVersion(in, "stream", FORMAT_VERSION);
        int count = in.readCount("stream value", 1);
        for (int i = 0; i < count; i++) {
            values.add(TypedValueCodec.read(in, TypedValueCodec.ValueSet.BODY));
        }
        in.requireFullyRead("stream body");
        return values;
    }
}
