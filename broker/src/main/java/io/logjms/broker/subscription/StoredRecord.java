package io.logjms.broker.subscription;

import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.Record;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record read from a partition log, with its JMS headers decoded on first use (selectors, expiry,
 * delivery time). Records whose headers do not decode are delivered as they are and match no selector.
 *
 * <p>Key, headers and value are copied out of the read buffer into one array, so a record held for
 * redelivery does not pin the whole buffer it was read with, and the dispatch allocates once per record.
 */
public final class StoredRecord {
    /** Provider-specific property naming the connection that produced a record (for noLocal). */
    public static final String ORIGIN_PROPERTY = "JMS_LogJMS_Origin";

    private final long offset;
    private final long timestamp;
    private final byte[] data;
    private final int keyLength;
    private final int headersLength;
    private final int valueLength;
    private MessageHeaders headers;
    private boolean headersDecoded;
    private String keyString;
    /** Read on first use without decoding the whole headers: every dispatched record needs them. */
    private MessageHeadersCodec.DeliveryFields deliveryFields;

    public StoredRecord(long offset, long timestamp, byte[] key, byte[] headerBytes, byte[] value) {
        this(offset, timestamp, wrap(key), wrap(headerBytes), wrap(value));
    }

    private StoredRecord(long offset, long timestamp, ByteBuffer key, ByteBuffer headerBytes, ByteBuffer value) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.keyLength = key == null ? -1 : key.remaining();
        this.headersLength = headerBytes == null ? -1 : headerBytes.remaining();
        this.valueLength = value == null ? -1 : value.remaining();
        this.data = new byte[len(keyLength) + len(headersLength) + len(valueLength)];
        int at = copy(key, 0);
        at = copy(headerBytes, at);
        copy(value, at);
    }

    public static StoredRecord of(Record r) {
        return new StoredRecord(r.offset(), r.timestamp(), r.key(), r.headers(), r.value());
    }

    private static ByteBuffer wrap(byte[] field) {
        return field == null ? null : ByteBuffer.wrap(field);
    }

    private int copy(ByteBuffer field, int at) {
        if (field == null) {
            return at;
        }
        int n = field.remaining();
        field.duplicate().get(data, at, n);
        return at + n;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] key() {
        return field(0, keyLength);
    }

    /** The key as text (the message group), or null; decoded once. */
    public String keyString() {
        if (keyString == null && keyLength >= 0) {
            keyString = new String(data, 0, keyLength, StandardCharsets.UTF_8);
        }
        return keyString;
    }

    public byte[] headerBytes() {
        return field(headersOffset(), headersLength);
    }

    public byte[] value() {
        return field(valueOffset(), valueLength);
    }

    private byte[] field(int from, int length) {
        return length < 0 ? null : Arrays.copyOfRange(data, from, from + length);
    }

    private int headersOffset() {
        return len(keyLength);
    }

    private int valueOffset() {
        return len(keyLength) + len(headersLength);
    }

    /** The decoded headers, or null when the record has none or they are malformed. */
    public MessageHeaders headers() {
        if (!headersDecoded) {
            headersDecoded = true;
            if (headersLength >= 0) {
                try {
                    headers = MessageHeadersCodec.decode(data, headersOffset(), headersLength);
                } catch (MalformedMessageException e) {
                    headers = null;
                }
            }
        }
        return headers;
    }

    public boolean expiredAt(long now) {
        long expiration = deliveryFields().expiration();
        return expiration > 0 && expiration <= now;
    }

    /** When the record may be delivered (JMS delivery delay); 0 when at once. */
    public long deliveryTime() {
        return deliveryFields().deliveryTime();
    }

    public int priority() {
        return deliveryFields().priority();
    }

    private MessageHeadersCodec.DeliveryFields deliveryFields() {
        if (deliveryFields == null) {
            deliveryFields = MessageHeadersCodec.DeliveryFields.DEFAULTS;
            if (headersLength >= 0) {
                try {
                    deliveryFields = MessageHeadersCodec.peekDeliveryFields(data, headersOffset(), headersLength);
                } catch (MalformedMessageException e) {
                    // delivered as it is, like a record whose headers do not decode at all
                }
            }
        }
        return deliveryFields;
    }

    public String origin() {
        MessageHeaders h = headers();
        Object o = h == null ? null : h.getProperty(ORIGIN_PROPERTY);
        return o instanceof String s ? s : null;
    }

    public int approximateSize() {
        return 64 + data.length;
    }

    /** Bytes of key, headers and value together. */
    public int storedSize() {
        return data.length;
    }

    /** Receives a stored field without a copy; {@code length} is -1 for a null field. */
    @FunctionalInterface
    public interface FieldSink {
        void field(byte[] data, int from, int length);
    }

    /** Hands key, headers and value, in that order, to {@code sink} without copying them. */
    public void writeFields(FieldSink sink) {
        sink.field(data, 0, keyLength);
        sink.field(data, headersOffset(), headersLength);
        sink.field(data, valueOffset(), valueLength);
    }

    private static int len(int length) {
        return Math.max(0, length);
    }
}
