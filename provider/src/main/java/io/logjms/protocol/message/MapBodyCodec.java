package io.logjms.protocol.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a map message: an empty array for an empty map, otherwise
 *
 * <pre>
 *  format byte (1) | varint count | count times: name string, typed value
 * </pre>
 *
 * with names as varint-length UTF-8 and values typed as in {@link TypedValueCodec}: {@code Boolean},
 * {@code Byte}, {@code Short}, {@code Character}, {@code Integer}, {@code Long}, {@code Float},
 * {@code Double}, {@code String}, {@code byte[]} or {@code null}.
 */
public final class MapBodyCodec {
    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Smallest encoding of one entry: a one-character name and a null value. */
    private static final int MIN_ENTRY_BYTES = 3;

    private MapBodyCodec() {
    }

    /**
     * Encodes the entries in the map's iteration order.
     *
     * @throws IllegalArgumentException for a null or empty name or a value of another type
     */
    public static byte[] encode(Map<String, ?> map) {
        if (map.isEmpty()) {
            return new byte[0];
        }
        int length = 1 + WireWriter.sizeOfVarInt(map.size());
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String name = entry.getKey();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a map message entry needs a non-empty name");
            }
            requireEncodable(name, entry.getValue());
            length += WireWriter.sizeOfString(name) + TypedValueCodec.sizeOf(entry.getValue());
        }
        byte[] body = new byte[length];
        WireWriter out = new WireWriter(body, 0);
        out.writeByte(FORMAT_VERSION);
        out.writeVarInt(map.size());
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            out.writeString(entry.getKey());
            TypedValueCodec.write(out, entry.getValue());
        }
        return body;
    }

    public static LinkedHashMap<String, Object> decode(byte[] body) {
        return decode(body, 0, body.length);
    }

    /**
     * Decodes {@code body[offset, offset + length)} into a new insertion-ordered map.
     *
     * @throws MalformedMessageException if the range is not exactly one valid map body
     */
    public static LinkedHashMap<String, Object> decode(byte[] body, int offset, int length) {
        WireReader in = new WireReader(body, offset, length);
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        if (length == 0) {
            return map;
        }
        BodyFormat.readVersion(in, "map", FORMAT_VERSION);
        int count = in.readCount("map entry", MIN_ENTRY_BYTES);
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            if (name.isEmpty()) {
                throw in.malformed("empty map entry name");
            }
            if (map.containsKey(name)) {
                throw in.malformed("duplicate map entry " + name);
            }
            map.put(name, TypedValueCodec.read(in, TypedValueCodec.ValueSet.BODY));
        }
        in.requireFullyRead("map body");
        return map;
    }

    private static void requireEncodable(String name, Object value) {
        if (!TypedValueCodec.isEncodable(value, TypedValueCodec.ValueSet.BODY)) {
            throw new IllegalArgumentException("map entry " + name + " cannot hold a value of type "
                    + value.getClass().getName());
        }
    }
}
