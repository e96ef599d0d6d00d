package io.logjms.broker.metadata;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link MetadataChange} as bytes and back. Layout (big-endian): a type byte, then
 * <ul>
 *   <li>1 put destination: kind, name, partitions (int), retention.ms, retention.bytes, segment.bytes</li>
 *   <li>2 delete destination: kind, name</li>
 *   <li>3 put record: namespace, key, value</li>
 *   <li>4 delete record: namespace, key</li>
 * </ul>
 * where a kind is a byte (1 topic, 2 queue), a string an int length and UTF-8 bytes, a value an int length and
 * bytes, and an optional long a presence byte (0 or 1) followed, if present, by the long.
 */
final class MetadataChangeCodec {
    private static final byte PUT_DESTINATION = 1;
    private static final byte DELETE_DESTINATION = 2;
    private static final byte PUT_RECORD = 3;
    private static final byte DELETE_RECORD = 4;
    private static final byte TOPIC = 1;
    private static final byte QUEUE = 2;

    private MetadataChangeCodec() {
    }

    static byte[] encode(MetadataChange change) {
        if (change instanceof MetadataChange.PutDestination put) {
            DestinationMetadata d = put.destination();
            byte[] name = utf8(d.name());
            ByteBuffer out = ByteBuffer.allocate(1 + 1 + 4 + name.length + 4 + 3 * 9);
            out.put(PUT_DESTINATION).put(kindCode(d.kind())).putInt(name.length).put(name).putInt(d.partitions());
            putOptionalLong(out, d.retentionMs());
            putOptionalLong(out, d.retentionBytes());
            putOptionalLong(out, d.segmentBytes());
            return trimmed(out);
        }
        if (change instanceof MetadataChange.DeleteDestination delete) {
            byte[] name = utf8(delete.key().name());
            return ByteBuffer.allocate(1 + 1 + 4 + name.length)
                    .put(DELETE_DESTINATION).put(kindCode(delete.key().kind())).putInt(name.length).put(name)
                    .array();
        }
        if (change instanceof MetadataChange.PutRecord put) {
            byte[] namespace = utf8(put.namespace());
            byte[] key = utf8(put.key());
            return ByteBuffer.allocate(1 + 12 + namespace.length + key.length + put.value().length)
                    .put(PUT_RECORD)
                    .putInt(namespace.length).put(namespace)
                    .putInt(key.length).put(key)
                    .putInt(put.value().length).put(put.value())
                    .array();
        }
        if (change instanceof MetadataChange.DeleteRecord delete) {
            byte[] namespace = utf8(delete.namespace());
            byte[] key = utf8(delete.key());
            return ByteBuffer.allocate(1 + 8 + namespace.length + key.length)
                    .put(DELETE_RECORD).putInt(namespace.length).put(namespace).putInt(key.length).put(key)
                    .array();
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    /**
     * Decodes one change occupying all of {@code in}'s remaining bytes.
     *
     * @throws MetadataCorruptedException if the bytes are not an encoded change
     */
    static MetadataChange decode(ByteBuffer in) {
        try {
            MetadataChange change = decodeChange(in);
            if (in.hasRemaining()) {
                throw new MetadataCorruptedException(in.remaining() + " unexpected bytes after a metadata change");
            }
            return change;
        } catch (BufferUnderflowException e) {
            throw new MetadataCorruptedException("Metadata change ends early");
        } catch (InvalidMetadataException e) {
            throw new MetadataCorruptedException("Stored metadata change is not valid: " + e.getMessage());
        }
    }

    private static MetadataChange decodeChange(ByteBuffer in) {
        byte type = in.get();
        switch (type) {
            case PUT_DESTINATION: {
                DestinationKey key = new DestinationKey(kind(in.get()), string(in));
                int partitions = in.getInt();
                Long retentionMs = optionalLong(in);
                Long retentionBytes = optionalLong(in);
                Long segmentBytes = optionalLong(in);
                return new MetadataChange.PutDestination(
                        new DestinationMetadata(key, partitions, retentionMs, retentionBytes, segmentBytes));
            }
            case DELETE_DESTINATION:
                return new MetadataChange.DeleteDestination(new DestinationKey(kind(in.get()), string(in)));
            case PUT_RECORD:
                return new MetadataChange.PutRecord(string(in), string(in), bytes(in));
            case DELETE_RECORD:
                return new MetadataChange.DeleteRecord(string(in), string(in));
            default:
                throw new MetadataCorruptedException("Unknown metadata change type " + type);
        }
    }

    private static byte kindCode(DestinationKind kind) {
        return kind == DestinationKind.TOPIC ? TOPIC : QUEUE;
    }

    private static DestinationKind kind(byte code) {
        if (code == TOPIC) {
            return DestinationKind.TOPIC;
        }
        if (code == QUEUE) {
            return DestinationKind.QUEUE;
        }
        throw new MetadataCorruptedException("Unknown destination kind code " + code);
    }

    private static void putOptionalLong(ByteBuffer out, Long value) {
        if (value == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).putLong(value);
        }
    }

    private static Long optionalLong(ByteBuffer in) {
        byte present = in.get();
        if (present == 0) {
            return null;
        }
        if (present == 1) {
            return in.getLong();
        }
        throw new MetadataCorruptedException("Bad presence flag " + present + " in a metadata change");
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MetadataCorruptedException("Bad length " + length + " in a metadata change");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = bytes(in);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MetadataCorruptedException("Invalid UTF-8 in a metadata change");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] trimmed(ByteBuffer out) {
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }
}
