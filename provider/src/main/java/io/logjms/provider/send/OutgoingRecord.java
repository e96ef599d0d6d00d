package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import java.util.Objects;

/**
 * One message ready for the wire: where it goes and its record fields (see
 * {@link io.logjms.protocol.record.RecordLayout}). The arrays are owned by the record once made.
 *
 * @param key the partition key (JMSXGroupID as UTF-8), or null
 * @param headers the encoded JMS headers and properties
 * @param value the encoded body
 */
public record OutgoingRecord(DestinationId destination, int partition, long timestamp, byte[] key, byte[] headers,
                             byte[] value) {
    /** Upper bound of what a record adds to a batch beyond its fields (length, attributes, deltas). */
    private static final int RECORD_OVERHEAD = 32;

    public OutgoingRecord {
        Objects.requireNonNull(destination, "destination");
    }

    /** An upper bound of the bytes this record takes in a batch. */
    public int estimatedSize() {
        return RECORD_OVERHEAD + length(key) + length(headers) + length(value);
    }

    private static int length(byte[] field) {
        return field == null ? 0 : field.length;
    }
}
