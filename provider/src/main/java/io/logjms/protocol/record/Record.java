package io.logjms.protocol.record;

import java.nio.ByteBuffer;

/**
 * One decoded record of a batch: absolute offset and timestamp, optional key, JMS headers and value.
 * The byte buffers are read-only slices of the batch they came from.
 */
public record Record(long offset, long timestamp, ByteBuffer key, ByteBuffer headers, ByteBuffer value) {

    static Record read(ByteBuffer in, long baseOffset, long firstTimestamp) {
        int length = Varint.readInt(in);
        if (length < 0 || length > in.remaining()) {
            throw new InvalidRecordException("record length " + length + " exceeds the " + in.remaining()
                    + " bytes left in the batch");
        }
        ByteBuffer rec = in.slice();
        rec.limit(length);
        in.position(in.position() + length);
        if (!rec.hasRemaining()) {
            throw new InvalidRecordException("empty record");
        }
        rec.get(); // attributes, reserved
        long timestamp = firstTimestamp + Varint.readLong(rec);
        long offset = baseOffset + Varint.readInt(rec);
        ByteBuffer key = readBytes(rec, "key");
        ByteBuffer headers = readBytes(rec, "headers");
        ByteBuffer value = readBytes(rec, "value");
        if (rec.hasRemaining()) {
            throw new InvalidRecordException(rec.remaining() + " unexpected bytes at the end of a record");
        }
        return new Record(offset, timestamp, key, headers, value);
    }

    private static ByteBuffer readBytes(ByteBuffer rec, String field) {
        int len = Varint.readInt(rec);
        if (len == -1) {
            return null;
        }
        if (len < -1 || len > rec.remaining()) {
            throw new InvalidRecordException("record " + field + " length " + len + " is invalid");
        }
        ByteBuffer slice = rec.slice();
        slice.limit(len);
        rec.position(rec.position() + len);
        return slice.asReadOnlyBuffer();
    }

    /** Copies a field to a fresh array, or null. */
    public static byte[] toArray(ByteBuffer field) {
        if (field == null) {
            return null;
        }
        byte[] bytes = new byte[field.remaining()];
        field.duplicate().get(bytes);
        return bytes;
    }
}
