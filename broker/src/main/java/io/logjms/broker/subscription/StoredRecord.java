package io.logjms.broker.subscription;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.Record;

/**
 * A record read from a partition log, with its JMS headers decoded on first use (selectors, expiry,
 * delivery time). Records whose headers do not decode are delivered as they are and match no selector.
 */
public final class StoredRecord {
    /** Provider-specific property naming the connection that produced a record (for noLocal). */
    public static final String ORIGIN_PROPERTY = "JMS_LogJMS_Origin";

    private final long offset;
    private final long timestamp;
    private final byte[] key;
    private final byte[] headerBytes;
    private final byte[] value;
    private MessageHeaders headers;
    private boolean headersDecoded;
    /** Read on first use without decoding the whole headers: every dispatched record needs them. */
    private MessageHeadersCodec.DeliveryFields deliveryFields;

    public StoredRecord(long offset, long timestamp, byte[] key, byte[] headerBytes, byte[] value) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.headerBytes = headerBytes;
        this.value = value;
    }

    public static StoredRecord of(Record r) {
        return new StoredRecord(r.offset(), r.timestamp(), Record.toArray(r.key()), Record.toArray(r.headers()),
                Record.toArray(r.value()));
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] key() {
        return key;
    }

    public byte[] headerBytes() {
        return headerBytes;
    }

    public byte[] value() {
        return value;
    }

    /** The decoded headers, or null when the record has none or they are malformed. */
    public MessageHeaders headers() {
        if (!headersDecoded) {
            headersDecoded = true;
            if (headerBytes != null) {
                try {
                    headers = MessageHeadersCodec.decode(headerBytes);
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
            if (headerBytes != null) {
                try {
                    deliveryFields = MessageHeadersCodec.peekDeliveryFields(headerBytes, 0, headerBytes.length);
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
        return 64 + len(key) + len(headerBytes) + len(value);
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }

    public DeliveredRecord toDelivered(int deliveryCount) {
        return new DeliveredRecord(offset, timestamp, deliveryCount, key, headerBytes, value);
    }
}
