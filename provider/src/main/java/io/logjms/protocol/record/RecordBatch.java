package io.logjms.protocol.record;

import static io.logjms.protocol.record.RecordBatchLayout.*;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;

/**
 * A flyweight view of one record batch in a {@link ByteBuffer}, laid out as {@link RecordBatchLayout}.
 * The view reads and writes the buffer in place at absolute positions; it never copies the batch.
 * Not thread-safe; {@link #wrap} it again to reuse it.
 */
public final class RecordBatch {
    private ByteBuffer buffer;
    private int start;

    public RecordBatch() {
    }

    public RecordBatch(ByteBuffer buffer, int start) {
        wrap(buffer, start);
    }

    /** Views the batch that begins at absolute position {@code start} of {@code buffer}. */
    public RecordBatch wrap(ByteBuffer buffer, int start) {
        this.buffer = buffer;
        this.start = start;
        return this;
    }

    /** Wraps a buffer whose position..limit is exactly one batch. */
    public static RecordBatch of(ByteBuffer buffer) {
        return new RecordBatch(buffer, buffer.position());
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int start() {
        return start;
    }

    public long baseOffset() {
        return buffer.getLong(start + BASE_OFFSET_OFFSET);
    }

    public void setBaseOffset(long baseOffset) {
        buffer.putLong(start + BASE_OFFSET_OFFSET, baseOffset);
    }

    public int batchLength() {
        return buffer.getInt(start + BATCH_LENGTH_OFFSET);
    }

    /** Whole size of the batch in bytes, including base offset and length fields. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    public int leaderEpoch() {
        return buffer.getInt(start + LEADER_EPOCH_OFFSET);
    }

    public void setLeaderEpoch(int epoch) {
        buffer.putInt(start + LEADER_EPOCH_OFFSET, epoch);
    }

    public byte magic() {
        return buffer.get(start + MAGIC_OFFSET);
    }

    public long storedCrc() {
        return Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(start + ATTRIBUTES_OFFSET);
    }

    public boolean isTransactional() {
        return (attributes() & ATTR_TRANSACTIONAL) != 0;
    }

    public boolean isControl() {
        return (attributes() & ATTR_CONTROL) != 0;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long firstTimestamp() {
        return buffer.getLong(start + FIRST_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(start + PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE_OFFSET);
    }

    public int recordCount() {
        return buffer.getInt(start + RECORD_COUNT_OFFSET);
    }

    /** Whether the batch carries a producer id (an idempotent producer's batch). */
    public boolean hasProducerId() {
        return producerId() != NO_PRODUCER_ID;
    }

    /** The sequence of the batch's last record: the base sequence plus the record count minus one, wrapping. */
    public int lastSequence() {
        return incrementSequence(baseSequence(), recordCount() - 1);
    }

    /**
     * {@code sequence} advanced by {@code delta}: sequences run from 0 to {@link Integer#MAX_VALUE} and then
     * wrap to 0, so a producer never runs out of them.
     */
    public static int incrementSequence(int sequence, int delta) {
        return (int) (((long) sequence + delta) % (1L << 31));
    }

    /** CRC32C of the bytes the layout says the checksum covers. */
    public long computeCrc() {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = buffer.duplicate();
        covered.limit(start + sizeInBytes()).position(start + CRC_COVERED_FROM);
        crc.update(covered);
        return crc.getValue();
    }

    /** Writes the CRC of the covered bytes into the header; used by builders after the body is final. */
    public void updateCrc() {
        buffer.putInt(start + CRC_OFFSET, (int) computeCrc());
    }

    /**
     * Checks that the batch is complete inside the buffer and internally consistent: length, magic,
     * CRC, record count and offset deltas. Does not decode each record (see {@link #validateRecords()}).
     *
     * @throws InvalidRecordException naming the first problem found
     */
    public void validate() {
        int available = buffer.limit() - start;
        if (available < LOG_OVERHEAD) {
            throw new InvalidRecordException("batch header truncated: " + available + " bytes");
        }
        int length = batchLength();
        if (length < HEADER_SIZE - LOG_OVERHEAD) {
            throw new InvalidRecordException("batch length " + length + " is smaller than the header");
        }
        if (length > available - LOG_OVERHEAD) {
            throw new InvalidRecordException("batch length " + length + " exceeds the "
                    + (available - LOG_OVERHEAD) + " bytes present");
        }
        if (magic() != CURRENT_MAGIC) {
            throw new InvalidRecordException("unsupported batch magic " + magic());
        }
        long crc = computeCrc();
        if (crc != storedCrc()) {
            throw new InvalidRecordException("batch CRC mismatch: stored " + Long.toHexString(storedCrc())
                    + ", computed " + Long.toHexString(crc));
        }
        int count = recordCount();
        if (count <= 0) {
            throw new InvalidRecordException("batch record count " + count + " must be positive");
        }
        if (lastOffsetDelta() != count - 1) {
            throw new InvalidRecordException("last offset delta " + lastOffsetDelta()
                    + " does not match record count " + count);
        }
        if (maxTimestamp() < firstTimestamp()) {
            throw new InvalidRecordException("max timestamp before first timestamp");
        }
    }

    /** Decodes every record and checks that they fill the batch exactly with offset deltas 0..n-1. */
    public void validateRecords() {
        int expectedDelta = 0;
        RecordIterator records = records();
        while (records.hasNext()) {
            Record r = records.next();
            if (r.offset() != baseOffset() + expectedDelta) {
                throw new InvalidRecordException("record " + expectedDelta + " has offset delta "
                        + (r.offset() - baseOffset()));
            }
            expectedDelta++;
        }
        if (expectedDelta != recordCount()) {
            throw new InvalidRecordException("batch declares " + recordCount() + " records, holds " + expectedDelta);
        }
        if (records.remainingBytes() != 0) {
            throw new InvalidRecordException(records.remainingBytes() + " trailing bytes after the last record");
        }
    }

    /** Iterates the records; each {@link Record} holds slices of this buffer, valid while it is. */
    public RecordIterator records() {
        ByteBuffer body = buffer.duplicate();
        body.limit(start + sizeInBytes()).position(start + RECORDS_OFFSET);
        return new RecordIterator(body.slice(), baseOffset(), firstTimestamp(), recordCount());
    }

    /** Iterator over the records of a batch. */
    public static final class RecordIterator implements Iterator<Record> {
        private final ByteBuffer in;
        private final long baseOffset;
        private final long firstTimestamp;
        private int remaining;

        RecordIterator(ByteBuffer in, long baseOffset, long firstTimestamp, int count) {
            this.in = in;
            this.baseOffset = baseOffset;
            this.firstTimestamp = firstTimestamp;
            this.remaining = count;
        }

        @Override
        public boolean hasNext() {
            return remaining > 0;
        }

        @Override
        public Record next() {
            if (remaining <= 0) {
                throw new NoSuchElementException();
            }
            remaining--;
            return Record.read(in, baseOffset, firstTimestamp);
        }

        int remainingBytes() {
            return in.remaining();
        }
    }
}
