package io.logjms.protocol.record;

import static io.logjms.protocol.record.RecordBatchLayout.*;

import java.nio.ByteBuffer;

/**
 * Builds one record batch in a growable heap buffer. Offsets are relative (the broker assigns the base
 * offset on append); timestamps are absolute epoch milliseconds.
 * Not thread-safe; a builder is used once: append records, then {@link #build()}.
 */
public final class RecordBatchBuilder {
    private ByteBuffer buf;
    private int count;
    private long firstTimestamp;
    private long maxTimestamp = Long.MIN_VALUE;
    private short attributes;
    private long producerId = NO_PRODUCER_ID;
    private short producerEpoch = NO_PRODUCER_EPOCH;
    private int baseSequence = NO_SEQUENCE;
    private boolean built;

    public RecordBatchBuilder() {
        this(1024);
    }

    public RecordBatchBuilder(int initialCapacity) {
        buf = ByteBuffer.allocate(Math.max(initialCapacity, HEADER_SIZE + 64));
        buf.position(HEADER_SIZE);
    }

    public RecordBatchBuilder attributes(short attributes) {
        this.attributes = attributes;
        return this;
    }

    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public int recordCount() {
        return count;
    }

    /** Bytes the batch would take if built now. */
    public int sizeInBytes() {
        return buf.position();
    }

    /** Appends a record; any of key, headers and value may be null. */
    public RecordBatchBuilder append(long timestamp, byte[] key, byte[] headers, byte[] value) {
        if (built) {
            throw new IllegalStateException("batch already built");
        }
        if (count == 0) {
            firstTimestamp = timestamp;
        }
        long timestampDelta = timestamp - firstTimestamp;
        int bodySize = recordBodySize(timestampDelta, count, key, headers, value);
        ensureCapacity(Varint.sizeOfInt(bodySize) + bodySize);
        Varint.writeInt(bodySize, buf);
        buf.put((byte) 0);
        Varint.writeLong(timestampDelta, buf);
        Varint.writeInt(count, buf);
        writeField(key);
        writeField(headers);
        writeField(value);
        count++;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return this;
    }

    /** Finishes the header and CRC; returns a buffer whose position..limit is exactly the batch. */
    public ByteBuffer build() {
        if (count == 0) {
            throw new IllegalStateException("a batch needs at least one record");
        }
        built = true;
        int size = buf.position();
        buf.putLong(BASE_OFFSET_OFFSET, 0L);
        buf.putInt(BATCH_LENGTH_OFFSET, size - LOG_OVERHEAD);
        buf.putInt(LEADER_EPOCH_OFFSET, NO_LEADER_EPOCH);
        buf.put(MAGIC_OFFSET, CURRENT_MAGIC);
        buf.putShort(ATTRIBUTES_OFFSET, attributes);
        buf.putInt(LAST_OFFSET_DELTA_OFFSET, count - 1);
        buf.putLong(FIRST_TIMESTAMP_OFFSET, firstTimestamp);
        buf.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        buf.putLong(PRODUCER_ID_OFFSET, producerId);
        buf.putShort(PRODUCER_EPOCH_OFFSET, producerEpoch);
        buf.putInt(BASE_SEQUENCE_OFFSET, baseSequence);
        buf.putInt(RECORD_COUNT_OFFSET, count);
        ByteBuffer result = buf.duplicate();
        result.flip();
        new RecordBatch(result, 0).updateCrc();
        return result;
    }

    /** The exact size of a batch holding one record with these fields. */
    public static int singleRecordBatchSize(byte[] key, byte[] headers, byte[] value) {
        int bodySize = recordBodySize(0, 0, key, headers, value);
        return HEADER_SIZE + Varint.sizeOfInt(bodySize) + bodySize;
    }

    /** A record's bytes after its length varint: attributes, deltas, then the three fields. */
    private static int recordBodySize(long timestampDelta, int offsetDelta, byte[] key, byte[] headers,
                                      byte[] value) {
        return 1 + Varint.sizeOfLong(timestampDelta) + Varint.sizeOfInt(offsetDelta)
                + fieldSize(key) + fieldSize(headers) + fieldSize(value);
    }

    private static int fieldSize(byte[] field) {
        return field == null ? Varint.sizeOfInt(-1) : Varint.sizeOfInt(field.length) + field.length;
    }

    private void writeField(byte[] field) {
        if (field == null) {
            Varint.writeInt(-1, buf);
        } else {
            Varint.writeInt(field.length, buf);
            buf.put(field);
        }
    }

    private void ensureCapacity(int extra) {
        if (buf.remaining() < extra) {
            int needed = buf.position() + extra;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, buf.capacity() * 2));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
